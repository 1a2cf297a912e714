package main

import (
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// isLoopback reports whether addr, a listener's address, is on the
// loopback interface only (127.0.0.0/8 or ::1): only this machine reaches
// it. An unspecified address (0.0.0.0, ::) listens on every interface.
func isLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return false
	}
	ip, ok := netip.AddrFromSlice(tcp.IP)
	return ok && ip.Unmap().IsLoopback()
}

// localHost reports whether host, a request's Host header, names this
// machine's loopback interface: "localhost" (in any case), an IPv4 address
// of 127.0.0.0/8 in dotted-decimal form, or the IPv6 loopback address in
// brackets ("[::1]", or another spelling of it), each with or without a
// port of 1 to 5 digits. Anything else is refused: another name (which a
// DNS rebinding attack points at 127.0.0.1), "localhost." with its final
// dot, a zone, an IPv4-mapped IPv6 address, an empty port, an empty Host.
func localHost(host string) bool {
	if strings.HasPrefix(host, "[") {
		end := strings.IndexByte(host, ']')
		if end < 0 {
			return false
		}
		if rest := host[end+1:]; rest != "" && (rest[0] != ':' || !isPort(rest[1:])) {
			return false
		}
		ip, err := netip.ParseAddr(host[1:end])
		return err == nil && ip.Is6() && ip.Zone() == "" && ip == netip.IPv6Loopback()
	}
	name := host
	if i := strings.IndexByte(host, ':'); i >= 0 {
		if !isPort(host[i+1:]) {
			return false
		}
		name = host[:i]
	}
	if equalFoldASCII(name, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(name)
	return err == nil && ip.Is4() && ip.As4()[0] == 127
}

// isPort reports whether s is 1 to 5 decimal digits.
func isPort(s string) bool {
	if len(s) == 0 || len(s) > 5 {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// equalFoldASCII reports whether s equals lower, a lowercase ASCII string,
// in any case.
func equalFoldASCII(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// checkHost answers 403 AccessDeniedException to a request whose Host does
// not name the loopback interface (see localHost), before reading it, and
// passes the others to next. A server listening on loopback is reached by
// this machine's programs only, but a web page in this machine's browser
// can make a name of its own resolve to 127.0.0.1 (DNS rebinding) and then
// call the server as if from the same origin: such requests carry the
// page's name as their Host, which this refuses.
func checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if localHost(r.Host) {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set(requestIDHeader, lookout.NewClientToken())
		lookout.WriteError(forbidden{w}, &lookout.AccessDeniedException{
			Message: "Host " + quoteHost(r.Host) + " is not allowed: this server listens on loopback and answers " +
				"only requests to localhost, 127.0.0.0/8 or [::1], any port (a defence against DNS rebinding)",
		})
	})
}

// quoteHost is host as a message shows it: quoted, escaped and cut as the
// log shows values from the request.
func quoteHost(host string) string {
	return `"` + logValue(host) + `"`
}

// forbidden writes its error with the status 403 Forbidden, which HTTP
// gives a request refused for who sent it, rather than the 400 of the
// service's AccessDeniedException.
type forbidden struct{ http.ResponseWriter }

func (f forbidden) WriteHeader(int) { f.ResponseWriter.WriteHeader(http.StatusForbidden) }
