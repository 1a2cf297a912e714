package validate_test

import (
	"errors"
	"fmt"

	"github.com/lookout-equipment/lookoutequipment/validate"
)

// A value that refers back to itself is refused before validator/v10
// starts, which would otherwise recurse until the program dies.
func ExampleCycleError() {
	type Station struct {
		Name     string     `json:"name" validate:"required"`
		Pumps    []*Station `json:"pumps" validate:"dive"`
		Upstream *Station   `json:"upstream"`
	}
	plant := &Station{Name: "plant"}
	pump := &Station{Name: "pump-7", Upstream: plant}
	plant.Pumps = []*Station{pump}

	err := validate.Struct(plant)
	var ce *validate.CycleError
	if errors.As(err, &ce) {
		fmt.Printf("%q refers back to %q\n", ce.Path, ce.Target)
	}
	fmt.Println(err)
	// Output:
	// "pumps[0].upstream" refers back to ""
	// validate: cannot validate a value of type *validate_test.Station that refers back to itself: "pumps[0].upstream" refers back to the value itself
}
