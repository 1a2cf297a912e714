package lookout

import (
	"slices"
	"strings"
	"sync"
)

// operation declares one operation of the service: its name, its request
// and response, and the errors the service model lists for it. Each
// operation's file declares one and registers it.
type operation struct {
	// name is the operation's name, as X-Amz-Target ends.
	name string
	// request and response are the declarations of its input and output.
	request, response structure
	// errors lists the codes of the errors the model gives it, in the
	// model's order.
	errors []string
}

// operations lists the declared operations, in alphabetical order once
// the package is initialised.
var operations []*operation

// register adds op to the declared operations and returns it.
func register(op *operation) *operation {
	i, found := slices.BinarySearchFunc(operations, op.name, func(o *operation, name string) int {
		return strings.Compare(o.name, name)
	})
	if found {
		panic("lookout: operation " + op.name + " declared twice")
	}
	operations = slices.Insert(operations, i, op)
	return op
}

// lookupOperation returns the declared operation named name, or nil.
func lookupOperation(name string) *operation {
	for _, op := range operations {
		if op.name == name {
			return op
		}
	}
	return nil
}

// Operations returns the names of the operations this package declares,
// in alphabetical order: CreateDataset, DeleteDataset, ... The slice is new
// on each call.
func Operations() []string {
	out := make([]string, len(operations))
	for i, op := range operations {
		out[i] = op.name
	}
	return out
}

// OperationErrors returns the codes of the errors that the service model
// lists for operation op ([CodeValidation], [CodeThrottling], ...), in the
// model's order, or nil for an operation this package does not declare.
// They are the errors a server answers for op; the protocol's own
// ([CodeSerialization], [CodeUnknownOperation]) are not among them. The
// slice is new on each call.
func OperationErrors(op string) []string {
	if o := lookupOperation(op); o != nil {
		return slices.Clone(o.errors)
	}
	return nil
}

// rules is the list Rules copies, built once.
var (
	rules     []*Rule
	rulesOnce sync.Once
)

// allRules returns every member's Rule, building them on first use.
func allRules() []*Rule {
	rulesOnce.Do(func() {
		for _, op := range operations {
			rules = appendRules(rules, op.name, false, "", op.request)
			if op.response != nil {
				rules = appendRules(rules, op.name, true, "", op.response)
			}
		}
	})
	return rules
}

// appendRules appends the Rules of the members of structure s at path.
func appendRules(rs []*Rule, op string, response bool, path string, s structure) []*Rule {
	for _, m := range s.members() {
		p := memberPath(path, m.name)
		rs = append(rs, &Rule{Operation: op, Response: response, Path: p, Required: m.required, Note: m.note,
			Kind: *m.kind, emptyAbsent: m.emptyAbsent})
		if m.sub != nil {
			if m.kind.Type == TypeList {
				p += ".member"
			}
			rs = appendRules(rs, op, response, p, m.sub)
		}
	}
	return rs
}

// opDecl is an operation with the Go types of its request and response:
// what the router needs to decode, validate, call and answer.
type opDecl[Req, Resp any] struct {
	*operation
	req  *structDecl[Req]
	resp *structDecl[Resp]
	// wire is the operation as the strict reader and the handler see it.
	wire *wireOp
}

// declare declares and registers an operation: its name, the declarations
// of its request and response, the limit of its request's body, and the
// errors its model lists. The request type's wireOp and validateWire
// methods return opDecl.wire and call validateRequest.
func declare[Req, Resp any, PReq interface {
	*Req
	Request
}](name string, req *structDecl[Req], resp *structDecl[Resp], maxBody int, errors ...string) *opDecl[Req, Resp] {
	op := register(&operation{name: name, request: req, response: resp, errors: errors})
	return &opDecl[Req, Resp]{operation: op, req: req, resp: resp,
		wire: declareWireOp[Req, PReq](name, req.wire(), maxBody, errors...)}
}

// validateRequest is the request's Validate as the wire reads it: p holds
// what the body said that the Go value cannot (see presence); nil is the
// Go reading.
func (o *opDecl[Req, Resp]) validateRequest(r *Req, p *presence) error { return o.req.validate(r, p) }

// validateResponse is the response's Validate.
func (o *opDecl[Req, Resp]) validateResponse(r *Resp) error { return o.resp.validate(r, nil) }
