//! Memory in small pages.
//!
//! mimalloc asks the kernel for transparent huge pages: memory then comes
//! in 2 MB pages, meant to cost fewer page faults and TLB misses. For
//! storyline's jobs they cost more than they save. Every 2 MB page is
//! zeroed whole however little of it is used, so `dedup` on 10,000
//! articles touched 72 MB rather than 35 MB; and on a virtual machine
//! whose host has taken back the guest's free memory, each fresh page is
//! slow to fault in as well, which made run times erratic.
//!
//! Measured on the benchmark corpora (`bench gen`, seed 42), huge pages on
//! against off (`MIMALLOC_ALLOW_THP=0`), alternating runs, medians:
//!
//! | job | articles | on | off |
//! |---|---|---|---|
//! | `dedup`, gaoya run before each | 10k | 0.113 s (0.073–0.224) | 0.085 s (0.080–0.109) |
//! | `dedup`, gaoya run before each | 30k | 0.419 s | 0.302 s |
//! | `dedup`, gaoya run before each | 60k | 0.907 s | 0.602 s |
//! | `dedup`, gaoya run before each | 100k | 1.368 s | 0.975 s |
//! | `dedup` | 1M | 12.6 s | 12.1 s |
//! | `cluster` | 100k | 22.7 s | 21.4 s |
//!
//! (One earlier set of five rounds at 100k had gone the other way, 0.92
//! against 1.02 s.)

/// Turn transparent huge pages off for the rest of this process. Memory
/// already in huge pages stays as it is, so this is called first thing.
pub fn use_small_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and reads or writes
    // no memory of this process. A kernel older than 3.15 answers EINVAL
    // and leaves huge pages on, which is only slower.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_os = "linux")]
    #[test]
    fn huge_pages_are_turned_off_for_the_process() {
        // SAFETY: PR_GET_THP_DISABLE reads a flag; it takes no pointers.
        let disabled = || unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        super::use_small_pages();
        assert_eq!(disabled(), 1);
    }
}
