package main

import (
	"fmt"

	"github.com/kredo-dev/kredo/internal/app"
)

func cmdWorklist(e *env, args []string) error {
	var db dbFlags
	fl := e.flags("worklist", `worklist [--date DATE] [--entity CODE]

Refreshes the worklist: promises and payment plans are evaluated, customers are
assigned by the assignment rules, and every customer with something open is scored
with the reasons it needs a person. kredo serve does this when the day begins and
after each dunning run; run it by hand after a large import.`, &db)
	date := fl.String("date", "", "the day (YYYY-MM-DD; default today)")
	entity := fl.String("entity", "", "only this entity (default: every entity)")
	if ok, err := parse(fl, args); !ok {
		return err
	}
	day, err := dayFlag("date", *date)
	if err != nil {
		return err
	}
	svc, closeDB, err := e.open(&db, e.logger(&db))
	if err != nil {
		return err
	}
	defer closeDB()
	codes, err := entityCodes(e, svc, *entity)
	if err != nil {
		return err
	}
	for _, code := range codes {
		if _, err := svc.EvaluateCommitments(e.ctx, app.System, code, day); err != nil {
			return fmt.Errorf("entity %s: %w", code, err)
		}
		rep, err := svc.RefreshWorklist(e.ctx, app.System, code, day)
		if err != nil {
			return fmt.Errorf("entity %s: %w", code, err)
		}
		fmt.Fprintf(e.stdout, "%s: %d customers with something open, %d on the worklist, %d newly assigned by the rules\n",
			code, rep.Customers, rep.OnList, rep.Assigned)
	}
	return nil
}
