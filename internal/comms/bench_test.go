package comms

import "testing"

// benchLetter is a friendly reminder with five items, as the daily run
// renders them by the hundred thousand.
func benchLetter() Letter {
	l := fixture(Friendly, "nl")
	l.Lines = append(l.Lines, Line{Number: "2026-1200", DueDate: letterDate.AddDays(-10), DaysOverdue: 10, Amount: 5000},
		Line{Number: "2026-1201", DueDate: letterDate.AddDays(-9), DaysOverdue: 9, Amount: 7500})
	l.Total += 12500
	return l
}

func BenchmarkEmail(b *testing.B) {
	tp := DefaultTemplates()
	l := benchLetter()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tp.Email(l); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEmailParallel(b *testing.B) {
	tp := DefaultTemplates()
	l := benchLetter()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := tp.Email(l); err != nil {
				b.Error(err)
			}
		}
	})
}

func BenchmarkPDF(b *testing.B) {
	tp := DefaultTemplates()
	l := benchLetter()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tp.PDF(l); err != nil {
			b.Fatal(err)
		}
	}
}
