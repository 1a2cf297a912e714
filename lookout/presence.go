package lookout

// Presence keeps what a request body said of its members that the request
// decoded from it cannot say: which plain string members the body gave as
// "" where the request reads "" as absent, and which it left out where the
// request reads "" as a value. [DecodeRequest] and [ReadRequest] return it,
// and [Presence.Validate] reads the request with it. Its zero value is a
// body that said nothing of the kind, as a request built in Go is.
type Presence struct {
	p presence
}

// Validate validates req, the request decoded with p, as the service
// validates the body it was decoded from: as req's Validate does, except
// that a member the body gave as "" is reported as the empty string it is,
// not as absent, and one it left out as absent whatever its Go value. A
// StartDataIngestionJob body with "ClientToken": "" fails with
//
//	Value '' at 'clientToken' failed to satisfy constraint: Member must have length greater than or equal to 1
//
// and one without ClientToken (or with null) with
//
//	Value null at 'clientToken' failed to satisfy constraint: Member must not be null
//
// It returns nil or a *[ValidationException] (one without Fields for a nil
// req). A nil p is the zero Presence.
func (p *Presence) Validate(req Request) error {
	if req == nil {
		return &ValidationException{Message: "there is no request to validate"}
	}
	if p == nil {
		return req.validateWire(nil)
	}
	return req.validateWire(&p.p)
}

// presence records what a request's wire body said that its Go value
// cannot: which plain string members (those whose empty value means
// absent) the body gave as "". A nil *presence records nothing: the Go
// value says it all. A member is known by the address of its field, which
// is stable once the request is decoded.
type presence struct {
	empty []*string
}

// given reports whether the body gave the member at s as "".
func (p *presence) given(s *string) bool {
	if p == nil {
		return false
	}
	for _, e := range p.empty {
		if e == s {
			return true
		}
	}
	return false
}
