package main

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/kredo-dev/kredo/internal/app"
	"github.com/kredo-dev/kredo/internal/auth"
	"github.com/kredo-dev/kredo/internal/deliver"
	"github.com/kredo-dev/kredo/internal/demo"
	"github.com/kredo-dev/kredo/internal/jobs"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/web"
)

func cmdServe(e *env, args []string) error {
	var db dbFlags
	fl := e.flags("serve", `serve [--addr HOST:PORT] [--demo]

Serves the web UI, the JSON API (/api/v1, described at /api/v1/openapi.json) and
/healthz. Migrates the database first. With --demo, an empty database is filled with
the demo company first and the login is printed.`, &db)
	addr := fl.String("addr", e.envOr("KREDO_ADDR", "localhost:8080"), "listen address (env KREDO_ADDR)")
	withDemo := fl.Bool("demo", false, "load the demo company into an empty database and print its login")
	secure := fl.Bool("secure-cookies", e.getenv("KREDO_SECURE_COOKIES") == "true", "mark session cookies Secure (behind HTTPS; env KREDO_SECURE_COOKIES=true)")
	schedule := fl.Bool("scheduler", e.getenv("KREDO_SCHEDULER") != "false", "run each entity's daily dunning run at its time of day (env KREDO_SCHEDULER=false to switch off)")
	if ok, err := parse(fl, args); !ok {
		return err
	}
	log := e.logger(&db)
	svc, closeDB, err := e.open(&db, log)
	if err != nil {
		return err
	}
	defer closeDB()
	if *withDemo {
		es, err := svc.Entities(e.ctx, app.System)
		if err != nil {
			return err
		}
		if len(es) == 0 {
			fmt.Fprintln(e.stdout, "loading the demo company...")
			start := time.Now()
			if _, err := svc.LoadDemo(e.ctx, demo.Config{Seed: 1}, auth.DefaultParams); err != nil {
				return fmt.Errorf("demo: %w", err)
			}
			fmt.Fprintf(e.stdout, "demo company loaded in %s\n", time.Since(start).Round(100*time.Millisecond))
		} else if _, err := svc.Store().UserByName(e.ctx, "demo"); errors.Is(err, ledger.ErrNotFound) {
			fmt.Fprintln(e.stdout, "the database already holds data that is not the demo company; --demo left it alone")
		}
	}
	// e-mail and SMS: delivered by a worker each when configured, else kept
	// in the outbox and shown in the UI
	smtpCfg, mailOK, err := deliver.SMTPConfigFromEnv(e.getenv)
	if err != nil {
		return err
	}
	smsCfg, smsOK, err := deliver.TwilioConfigFromEnv(e.getenv)
	if err != nil {
		return err
	}
	var workers sync.WaitGroup
	defer workers.Wait() // before the database closes: the last outcomes are recorded
	startWorker := func(name string, w *deliver.Worker) {
		workers.Go(func() {
			if err := w.Run(e.ctx, 30*time.Second); err != nil {
				log.Error("delivery worker", "worker", name, "err", err)
			}
		})
	}
	if mailOK {
		startWorker("mail", &deliver.Worker{Store: svc.Store(), Sender: deliver.NewSMTPSender(smtpCfg), Log: log.With("component", "deliver")})
		log.Info("delivering e-mail", "smtp", smtpCfg)
	} else {
		log.Info("KREDO_SMTP_HOST is not set: e-mails stay in the outbox, readable in the UI")
	}
	if smsOK {
		startWorker("sms", &deliver.Worker{Store: svc.Store(), Sender: deliver.NewTwilioSender(smsCfg), Log: log.With("component", "sms"),
			Channels: []string{"sms"}})
		log.Info("delivering sms", "provider", smsCfg.LogValue())
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := &http.Server{
		Handler:           web.NewServer(svc, web.Options{Logger: log, SecureCookies: *secure, Version: version, MailConfigured: mailOK}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // large imports through the API
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	url := "http://" + ln.Addr().String()
	if host, port, err := net.SplitHostPort(ln.Addr().String()); err == nil && (host == "127.0.0.1" || host == "::1") {
		url = "http://localhost:" + port
	}
	fmt.Fprintf(e.stdout, "Kredo %s is running at %s (database: %s)\n", version, url, describeDB(svc.Store(), &db))
	if *withDemo {
		fmt.Fprintf(e.stdout, "log in as demo / %s (admin), or as a credit controller: anna / %s\n", app.DemoPassword, app.DemoPassword)
	}
	fmt.Fprintln(e.stdout, "press Ctrl-C to stop")
	if *schedule {
		sched := &jobs.Scheduler{Svc: svc, Log: log}
		go sched.Run(e.ctx, time.Minute)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-e.ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := contextWithTimeout(10 * time.Second)
	defer cancel()
	return srv.Shutdown(shutCtx)
}
