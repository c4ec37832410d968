package main

import (
	"bufio"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/auth"
)

func cmdUser(e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(e.stderr, `Usage:
  kredo user add USERNAME --role ROLE [--entities CODE,CODE|all] [--name N] [--email E] [--lang en|nl]
                 (the password comes from $KREDO_PASSWORD or the first line of standard input)
  kredo user list
  kredo user token USERNAME [--name NAME]   make an API token (shown once)

Roles: admin, credit_manager, credit_controller, viewer. A user sees only the entities granted.
`)
		if len(args) == 0 {
			return &exitError{2, fmt.Errorf("user needs a subcommand")}
		}
		return nil
	}
	switch args[0] {
	case "add":
		return userAdd(e, args[1:])
	case "list":
		return userList(e, args[1:])
	case "token":
		return userToken(e, args[1:])
	}
	return &exitError{2, fmt.Errorf("unknown user subcommand %q (add, list, token)", args[0])}
}

func userAdd(e *env, args []string) error {
	var db dbFlags
	fl := e.flags("user add", "user add USERNAME --role ROLE [--entities CODE,CODE|all] [flags]", &db)
	role := fl.String("role", "", "admin, credit_manager, credit_controller or viewer")
	entities := fl.String("entities", "", "comma-separated entity codes the user may see, or all")
	name := fl.String("name", "", "full name")
	email := fl.String("email", "", "email address")
	lang := fl.String("lang", "en", "language of the UI: en or nl")
	pos, ok, err := parseInterleaved(fl, args)
	if !ok {
		return err
	}
	if len(pos) != 1 {
		fl.Usage()
		return &exitError{2, fmt.Errorf("user add needs one USERNAME")}
	}
	password := e.getenv("KREDO_PASSWORD")
	if password == "" {
		// typed (visibly) at the prompt, or piped: echo "$PW" | kredo user add ...
		fmt.Fprintf(e.stderr, "password for %s (at least 8 characters): ", pos[0])
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return &exitError{2, fmt.Errorf("no password: set KREDO_PASSWORD or pass it on standard input")}
		}
		password = strings.TrimRight(line, "\r\n")
	}
	nu := app.NewUser{Username: pos[0], Name: *name, Email: *email, Role: *role, Language: *lang, Password: password}
	if *entities == "all" {
		nu.AllEntities = true
	} else {
		nu.Entities = splitList(*entities)
	}
	svc, closeDB, err := e.open(&db, e.logger(&db))
	if err != nil {
		return err
	}
	defer closeDB()
	u, err := svc.SaveUser(e.ctx, app.System, nu, auth.DefaultParams)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "user %s saved (%s)\n", u.Username, u.Role)
	return nil
}

func userList(e *env, args []string) error {
	var db dbFlags
	fl := e.flags("user list", "user list", &db)
	if ok, err := parse(fl, args); !ok {
		return err
	}
	svc, closeDB, err := e.open(&db, e.logger(&db))
	if err != nil {
		return err
	}
	defer closeDB()
	us, err := svc.Users(e.ctx, app.System)
	if err != nil {
		return err
	}
	es, err := svc.Entities(e.ctx, app.System)
	if err != nil {
		return err
	}
	codes := map[int64]string{}
	for _, x := range es {
		codes[x.ID] = x.Code
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "USERNAME\tROLE\tENTITIES\tNAME")
	for _, u := range us {
		ents := "all"
		if !u.AllEntities {
			var cs []string
			for _, id := range u.EntityIDs {
				cs = append(cs, codes[id])
			}
			ents = strings.Join(cs, ",")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Username, u.Role, ents, u.Name)
	}
	return tw.Flush()
}

func userToken(e *env, args []string) error {
	var db dbFlags
	fl := e.flags("user token", "user token USERNAME [--name NAME]", &db)
	name := fl.String("name", "api", "what the token is for, e.g. erp")
	pos, ok, err := parseInterleaved(fl, args)
	if !ok {
		return err
	}
	if len(pos) != 1 {
		fl.Usage()
		return &exitError{2, fmt.Errorf("user token needs one USERNAME")}
	}
	svc, closeDB, err := e.open(&db, e.logger(&db))
	if err != nil {
		return err
	}
	defer closeDB()
	tok, err := svc.CreateAPIToken(e.ctx, app.System, pos[0], *name)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, tok)
	fmt.Fprintln(e.stderr, "keep this token: it is shown only once. Use it as: Authorization: Bearer <token>")
	return nil
}
