//! A file mapped into memory, read once from front to back.
//!
//! Large JSONL files are parsed where they lie rather than copied into a
//! buffer (see `jsonl::read_file`). This module holds the operating-system
//! side of that: mapping the file, and giving back pages already read.

use std::fs::File;
use std::ops::Range;

/// The bytes of a whole regular file, mapped read-only.
pub(crate) struct MappedFile(memmap2::Mmap);

impl MappedFile {
    /// Map a non-empty regular file; `None` for anything else (a pipe, a
    /// device, a folder) or where mapping fails, so the caller reads it by
    /// copying instead.
    ///
    /// A mapping shows the file as it is now: if another program truncates
    /// it while it is read, the process gets SIGBUS. Files being rewritten
    /// should be passed on stdin (`-`), which is read by copying.
    pub(crate) fn open(file: &File) -> Option<Self> {
        let meta = file.metadata().ok()?;
        if !meta.is_file() || meta.len() == 0 {
            return None;
        }
        // SAFETY: the map is only read, as plain bytes, for as long as this
        // value lives. Another process changing the file meanwhile would
        // change what is read, not break memory safety for `&[u8]`;
        // truncating it would raise SIGBUS, as said above.
        unsafe { memmap2::Mmap::map(file) }.ok().map(MappedFile)
    }

    /// The file's bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// Give back the whole pages of `range` (they stay in the page cache):
    /// otherwise every page once read would count in the process's memory
    /// until the file is done. Only call it for bytes not read again; a
    /// later read would fault them in once more from the file. (Unix only;
    /// elsewhere the pages stay mapped until the end.)
    pub(crate) fn release(&self, range: Range<usize>) {
        #[cfg(unix)]
        {
            // SAFETY: sysconf reads a system constant and touches no memory.
            let page =
                usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096);
            let first = range.start.div_ceil(page) * page;
            let last = range.end.min(self.0.len()) / page * page;
            if last > first {
                // SAFETY: for a read-only file mapping, MADV_DONTNEED only
                // unmaps the pages; the range lies inside the map.
                let _ = unsafe {
                    self.0.unchecked_advise_range(
                        memmap2::UncheckedAdvice::DontNeed,
                        first,
                        last - first,
                    )
                };
            }
        }
        #[cfg(not(unix))]
        let _ = range;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_map_and_pipes_folders_and_empty_files_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.jsonl");
        let text = "{\"id\":\"a\"}\n".repeat(2_000);
        std::fs::write(&path, &text).unwrap();
        let mapped = MappedFile::open(&File::open(&path).unwrap()).expect("a file maps");
        assert_eq!(mapped.bytes(), text.as_bytes());
        // Released pages read back from the file, unchanged.
        mapped.release(0..text.len());
        assert_eq!(mapped.bytes(), text.as_bytes());

        let empty = dir.path().join("empty.jsonl");
        std::fs::write(&empty, "").unwrap();
        assert!(MappedFile::open(&File::open(&empty).unwrap()).is_none());
        assert!(MappedFile::open(&File::open(dir.path()).unwrap()).is_none());
    }
}
