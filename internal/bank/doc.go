// Package bank holds what Kredo's bank statement parsers share: a Statement
// with its booked Entries, the balance check, and the errors every parser
// returns. The parsers are bank/mt940 (SWIFT MT940 and MT942) and bank/camt
// (ISO 20022 camt.052, camt.053, camt.054); bank/parse sniffs a file's
// format, opens zip archives, and calls the right one.
//
// Conventions, for every format:
//   - Amounts are signed minor units of the statement's currency: positive
//     is a credit (money in), negative a debit (money out), whatever the
//     file's own convention (MT940 C/D/RC/RD marks, camt CdtDbtInd). Money is
//     exact: decimals beyond the currency's minor unit are accepted only when
//     they are zeros ("18.150" EUR), otherwise the file is rejected.
//   - Dates are calendar dates as the bank wrote them (a camt DtTm keeps its
//     date part, whatever the zone); MT940's YYMMDD years are 1980-2079, and
//     the :61: entry date (MMDD) takes the year that puts it nearest to the
//     value date.
//   - All or nothing: a parser returns every statement of a file, or a
//     *ParseError (File, Line, Field: the MT940 tag or camt element path,
//     Reason) and no statements. It never panics; the fuzz tests hold it to
//     that.
//   - An empty file, or one with only SWIFT headers, has zero statements and
//     is not an error; a camt message without statements is (its schema
//     requires one).
//   - Parsers do not check balances: Statement.Check does, so that a file
//     whose balances do not add up can still be shown. The import must call
//     Check and report a *BalanceError (it names the statement, the expected
//     and the actual closing balance). Check adds booked entries only, and
//     skips statements without both balances (MT942, most camt.052/054).
//   - A batch (camt NtryDtls with several TxDtls) is one Entry with the
//     booked amount and one Detail per transaction; Transactions() flattens
//     a statement into one Entry per payment for matching, each batch
//     transaction with BatchRef and the batch's dates.
//   - Account and counterparty IBANs are upper case without spaces; an
//     account number that is not an IBAN goes in Party.Account.
package bank
