package web

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/kredo-dev/kredo/internal/app"
)

// The KPI schemas of openapi.json list exactly the fields the API writes.
func TestOpenAPIKPISchemas(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]any `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]any{"KPIRecord": app.KPIRecord{}, "TrendRecord": app.TrendRecord{}} {
		props := doc.Components.Schemas[name].Properties
		rt := reflect.TypeOf(v)
		if rt.NumField() != len(props) {
			t.Errorf("%s: %d fields, %d documented", name, rt.NumField(), len(props))
		}
		for i := range rt.NumField() {
			tag, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
			if _, ok := props[tag]; !ok {
				t.Errorf("schema %s lacks field %s", name, tag)
			}
		}
	}
}
