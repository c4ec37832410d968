package comms

// PDFEncode encodes UTF-8 text for the PDF core fonts (Windows-1252) the
// way letters are encoded, for other documents drawn with fpdf (the
// monthly KPI report).
func PDFEncode(s string) string { return toCP1252(s) }
