"""Replace a built directory by a new one at once: a reader sees the old or the new, never neither.

Linux swaps two directories in one step with renameat2(RENAME_EXCHANGE): the live name never
stops existing, not even for a moment. Where the kernel, the C library or the filesystem cannot
(another system, some network filesystems), two renames do it, with a moment without the old.
"""

import ctypes
import errno
import os
import shutil
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# The errors that mean "this system cannot exchange here", as opposed to a real failure.
_CANNOT_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV}


def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths atomically; False when this system cannot, or one is missing."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE):
        error = ctypes.get_errno()
        if error == errno.ENOENT or error in _CANNOT_EXCHANGE:
            return False
        raise OSError(error, os.strerror(error), str(first), None, str(second))
    return True


def replace_dir(new: Path, target: Path) -> None:
    """Put the directory `new` in the place of `target` (which may not exist yet); `new` goes."""
    if exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # it holds the old site now
        return
    old = target.with_name(f".old-{target.name}-{os.getpid()}")
    try:
        os.replace(target, old)
    except FileNotFoundError:
        old = None
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
