package web

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// The dispute schemas of openapi.json list exactly the fields the API
// reads and writes; DisputeDetail is Dispute plus history and attachments.
func TestOpenAPIDisputeSchemas(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]any `json:"properties"`
				AllOf      []struct {
					Ref        string         `json:"$ref"`
					Properties map[string]any `json:"properties"`
				} `json:"allOf"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	schemas := doc.Components.Schemas
	check := func(name string, props map[string]any, v any) {
		rt := reflect.TypeOf(v)
		fields := map[string]bool{}
		for i := range rt.NumField() {
			f := rt.Field(i)
			if f.Anonymous {
				continue
			}
			tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			fields[tag] = true
			if _, ok := props[tag]; !ok {
				t.Errorf("schema %s lacks field %s", name, tag)
			}
		}
		for p := range props {
			if !fields[p] {
				t.Errorf("schema %s documents %s, which the code does not have", name, p)
			}
		}
	}
	for name, v := range map[string]any{"Dispute": disputeJSON{}, "DisputedInvoice": disputeInvoiceJSON{},
		"DisputeEvent": disputeEventJSON{}, "DisputeAttachment": disputeAttachmentJSON{}, "DisputeRequest": disputeRequest{},
		"DisputeInvoiceRequest": disputeInvoiceRequest{}, "DisputeStatusRequest": disputeStatusRequest{},
		"DisputeCommentRequest": disputeCommentRequest{}, "DisputeResolveRequest": disputeResolveRequest{}} {
		if len(schemas[name].Properties) == 0 {
			t.Errorf("schema %s is missing", name)
			continue
		}
		check(name, schemas[name].Properties, v)
	}
	all := schemas["DisputeDetail"].AllOf
	if len(all) != 2 || all[0].Ref != "#/components/schemas/Dispute" {
		t.Fatalf("DisputeDetail is not allOf [Dispute, {history, attachments}]: %+v", all)
	}
	check("DisputeDetail", all[1].Properties, disputeDetailJSON{})
}
