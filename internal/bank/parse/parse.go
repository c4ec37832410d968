// Package parse reads a bank statement file of any supported format: it
// sniffs the content (not the name) and hands it to bank/camt or bank/mt940;
// a zip archive is opened and each file in it parsed the same way.
//
//   - camt: XML whose Document namespace is urn:iso:std:iso:20022:tech:xsd:
//     camt.052/053/054.001.NN (other XML is an error naming its namespace);
//   - MT940/MT942: text with a SWIFT block "{1:" or a ":20:" field;
//   - zip: the files in it, in archive order; directories, "__MACOSX/" and
//     hidden files are skipped; errors name "archive.zip/member". A zip
//     inside a zip is an error, as are more than 10,000 files or more than
//     1 GiB unpacked in all;
//   - empty or blank content: zero statements, no error.
//
// Like the parsers, Parse returns every statement or an error, never part.
package parse

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/kredo-dev/kredo/internal/bank"
	"github.com/kredo-dev/kredo/internal/bank/camt"
	"github.com/kredo-dev/kredo/internal/bank/mt940"
)

// Limits on what Parse reads.
const (
	MaxFileSize   = 256 << 20 // one file, or one archive
	MaxUnzipped   = 1 << 30   // all members of an archive together
	MaxZipMembers = 10000
)

// Formats Detect returns besides the bank.Format names.
const (
	FormatZip     = "zip"
	FormatCAMT    = "camt" // XML that Detect did not look into further
	FormatEmpty   = "empty"
	FormatUnknown = ""
)

// Parse reads every statement of a bank file (MT940/MT942, camt, or a zip of
// those). name is used in errors and as each statement's Source.
func Parse(r io.Reader, name string) ([]bank.Statement, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, &bank.ParseError{File: name, Reason: "reading the file: " + err.Error()}
	}
	if len(data) > MaxFileSize {
		return nil, &bank.ParseError{File: name, Reason: "the file is larger than 256 MiB"}
	}
	return Bytes(name, data)
}

// Bytes is Parse on a file already in memory.
func Bytes(name string, data []byte) ([]bank.Statement, error) {
	switch Detect(data) {
	case FormatEmpty:
		return nil, nil
	case FormatZip:
		return parseZip(name, data)
	case FormatCAMT:
		return camt.ParseBytes(data, name)
	case bank.FormatMT940:
		return mt940.ParseBytes(data, name)
	}
	return nil, &bank.ParseError{File: name, Line: 1, Reason: "not a bank statement: neither camt XML, MT940/MT942 nor a zip archive"}
}

// Detect names the format of a file's content: FormatZip, FormatCAMT (any
// XML), bank.FormatMT940 (MT940 and MT942), FormatEmpty, or FormatUnknown.
func Detect(data []byte) string {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")) {
		return FormatZip
	}
	head := data
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	trimmed := bytes.TrimLeft(head, " \t\r\n\x00\x01\x02\x03\x1a")
	switch {
	case len(trimmed) == 0:
		return FormatEmpty
	case trimmed[0] == '<':
		return FormatCAMT
	case bytes.HasPrefix(trimmed, []byte("{1:")) || bytes.HasPrefix(trimmed, []byte(":20:")) ||
		bytes.Contains(head, []byte("\n:20:")) || bytes.Contains(head, []byte("\r:20:")) ||
		bytes.Contains(head, []byte("{1:F01")) || bytes.Contains(head, []byte("{4:")):
		return bank.FormatMT940
	}
	if headerOnly(string(trimmed)) {
		return FormatEmpty // SWIFT headers of a file without statements
	}
	return FormatUnknown
}

// headerOnly reports whether every line of s is a header line that banks
// put around MT940 statements: a BIC ("ABNANL2A"), "940", ":940:", "-".
func headerOnly(s string) bool {
	for _, l := range strings.Split(s, "\n") {
		l = strings.Trim(l, " \t\r\x00\x01\x02\x03\x1a")
		switch {
		case l == "", l == "-", l == "-}", l == "-XXX", l == "940", l == "942", l == "940 00",
			l == ":940:", l == ":942:", bank.LooksLikeBIC(l), strings.HasPrefix(l, "0000 01"):
		default:
			return false
		}
	}
	return true
}

func parseZip(name string, data []byte) ([]bank.Statement, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &bank.ParseError{File: name, Reason: "not a readable zip archive: " + err.Error()}
	}
	if len(zr.File) > MaxZipMembers {
		return nil, &bank.ParseError{File: name, Reason: fmt.Sprintf("the archive holds %d files, more than %d", len(zr.File), MaxZipMembers)}
	}
	var out []bank.Statement
	var total int64
	for _, f := range zr.File {
		base := path.Base(f.Name)
		if f.FileInfo().IsDir() || strings.HasPrefix(f.Name, "__MACOSX/") || strings.HasPrefix(base, ".") {
			continue
		}
		member := name + "/" + f.Name
		rc, err := f.Open()
		if err != nil {
			return nil, &bank.ParseError{File: member, Reason: "cannot open in the archive: " + err.Error()}
		}
		b, err := io.ReadAll(io.LimitReader(rc, MaxFileSize+1))
		rc.Close()
		if err != nil {
			return nil, &bank.ParseError{File: member, Reason: "cannot unpack: " + err.Error()}
		}
		if total += int64(len(b)); len(b) > MaxFileSize || total > MaxUnzipped {
			return nil, &bank.ParseError{File: member, Reason: "the archive unpacks to more than the limit"}
		}
		if Detect(b) == FormatZip {
			return nil, &bank.ParseError{File: member, Reason: "a zip archive inside a zip archive is not read"}
		}
		sts, err := Bytes(member, b)
		if err != nil {
			return nil, err
		}
		out = append(out, sts...)
	}
	return out, nil
}
