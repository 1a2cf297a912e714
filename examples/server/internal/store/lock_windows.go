//go:build windows

package store

import (
	"errors"
	"os"
	"syscall"
)

// errSharingViolation is Windows' ERROR_SHARING_VIOLATION: the file is
// open elsewhere in a way that excludes this opening.
const errSharingViolation syscall.Errno = 32

// openLock opens the lock file name, creating it, for writing and shared
// for reading only: held is true when another process (or this one) has it
// open so, and f is then open for reading its pid. Windows closes a
// process's files however it ends, so that a lock file left by a killed
// server holds nothing.
func openLock(name string) (f *os.File, held bool, err error) {
	p, err := syscall.UTF16PtrFromString(name)
	if err != nil {
		return nil, false, err
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ|syscall.GENERIC_WRITE, syscall.FILE_SHARE_READ, nil,
		syscall.OPEN_ALWAYS, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if errors.Is(err, errSharingViolation) {
		f, err := os.Open(name)
		if err != nil {
			return nil, false, err
		}
		return f, true, nil
	}
	if err != nil {
		return nil, false, &os.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(h), name), false, nil
}

// releaseLock does nothing: on Windows the lock is the handle's sharing
// mode, which ends when the file is closed.
func releaseLock(*os.File) error { return nil }
