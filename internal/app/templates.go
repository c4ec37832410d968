package app

import (
	"context"
	"fmt"

	"github.com/kredo-dev/kredo/internal/comms"
	"github.com/kredo-dev/kredo/internal/ledger"
	"github.com/kredo-dev/kredo/internal/store"
)

// templates returns the message templates: the defaults with the
// operator's edits on top, read afresh, so every process and every run
// uses the texts as they are now.
func (s *Service) templates(ctx context.Context) (*comms.Templates, error) {
	edits, err := s.store.TemplateTexts(ctx)
	if err != nil {
		return nil, err
	}
	t := comms.DefaultTemplates()
	for _, e := range edits {
		if err := t.Override(e.Language, e.Name, e.Subject, e.Body); err != nil {
			// a stored edit that no longer parses must not stop the run
			s.log.Error("stored template does not parse; using the default", "language", e.Language, "template", e.Name, "err", err)
		}
	}
	return t, nil
}

// Templates returns the templates as they are now (for the editor).
func (s *Service) Templates(ctx context.Context) (*comms.Templates, error) { return s.templates(ctx) }

// SaveTemplate checks and stores an edited template (credit managers);
// an empty body restores the default.
func (s *Service) SaveTemplate(ctx context.Context, u ledger.User, language, name, subject, body string) error {
	if u.Role != ledger.RoleAdmin && u.Role != ledger.RoleManager {
		return ledger.Errorf(ledger.ErrForbidden, "only a credit manager may change the texts customers receive")
	}
	if body != "" {
		if err := comms.DefaultTemplates().Override(language, name, subject, body); err != nil {
			return ledger.Errorf(ledger.ErrInvalid, "%s", err.Error())
		}
	}
	if err := s.store.SaveTemplateText(ctx, store.TemplateText{Language: language, Name: name, Subject: subject, Body: body, UpdatedBy: u.Username}); err != nil {
		return fmt.Errorf("save template: %w", err)
	}
	s.log.Info("template saved", "language", language, "template", name, "user", u.Username)
	return nil
}
