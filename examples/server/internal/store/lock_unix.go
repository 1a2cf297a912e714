//go:build unix

package store

import (
	"errors"
	"os"
	"syscall"
)

// openLock opens the lock file name, creating it, and takes its exclusive
// lock without waiting: held is true when another open file (of this
// process or another) holds it, and f is then open for reading its pid.
// The lock is the kernel's (flock): it ends with the process that holds
// it, however that process ends, so that a lock file left by a killed
// server holds nothing.
func openLock(name string) (f *os.File, held bool, err error) {
	f, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, false, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	switch {
	case errors.Is(err, syscall.EWOULDBLOCK):
		return f, true, nil
	case err != nil:
		f.Close()
		return nil, false, err
	}
	return f, false, nil
}

// releaseLock releases the lock of f before it is closed. The lock belongs
// to the open file, which a child process that this one forks shares
// until it execs: closing f alone would leave the lock held for that
// moment, and a Store opened again at once would find its database in use.
func releaseLock(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}
