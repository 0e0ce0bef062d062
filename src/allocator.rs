//! The global allocator: mimalloc, called through its plain entry points
//! wherever its own alignment suffices.
//!
//! A build makes and frees millions of small strings from several threads,
//! and mimalloc does that about a fifth faster than the C library on a
//! 100 000-record site (BENCHMARKS.md). The `mimalloc` crate asks for every
//! block through `mi_malloc_aligned`, whose fast path serves only blocks up to
//! 1 KiB and sends larger ones (a page's HTML, a row's strings) down a slower
//! generic path. Going through `mi_malloc` where that is enough takes 1.0 %
//! off a 10 000-record build's instructions, and 2.2 % off the refactored
//! code measured against the code before it (callgrind, BENCHMARKS.md
//! "Issue 17"). The binary installs it; the library never does.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys::{
    mi_free, mi_malloc, mi_malloc_aligned, mi_realloc, mi_realloc_aligned, mi_zalloc, mi_zalloc_aligned,
};

/// mimalloc as Rust's global allocator (see the module doc).
pub struct Mimalloc;

/// The alignment mimalloc gives every block of at least this size: with
/// 16-byte `max_align_t` it rounds small size classes to two machine words
/// (`MI_ALIGN2W` in its `page-queue.c`), larger classes are multiples of
/// that, and the first block of a page is 16-byte aligned.
const PLAIN_ALIGN: usize = 16;

/// Whether a plain `mi_malloc` block of `size` bytes is aligned to `align`:
/// blocks under 16 bytes are only as aligned as their size class (8 bytes),
/// hence `align <= size`.
#[inline]
fn plain_suffices(size: usize, align: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

/// Checks in debug builds that a block has the alignment asked for.
#[inline]
fn checked(block: *mut c_void, align: usize) -> *mut u8 {
    debug_assert!(block.is_null() || block.addr().is_multiple_of(align), "mimalloc block not aligned to {align}");
    block.cast()
}

// SAFETY: every block comes from mimalloc and goes back to it (`mi_free`
// takes blocks from any of its entry points); a plain block is used only
// where `plain_suffices` finds mimalloc's own alignment covers the layout's.
// All calls are C allocation calls that return null on failure, as
// `GlobalAlloc` expects.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let (size, align) = (layout.size(), layout.align());
        // SAFETY: see the impl.
        let block =
            unsafe { if plain_suffices(size, align) { mi_malloc(size) } else { mi_malloc_aligned(size, align) } };
        checked(block, align)
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let (size, align) = (layout.size(), layout.align());
        // SAFETY: see the impl.
        let block =
            unsafe { if plain_suffices(size, align) { mi_zalloc(size) } else { mi_zalloc_aligned(size, align) } };
        checked(block, align)
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let (old, align) = (ptr.cast::<c_void>(), layout.align());
        // SAFETY: `ptr` came from this allocator with `layout`; the new block
        // keeps `layout`'s alignment either way.
        let block = unsafe {
            if plain_suffices(new_size, align) {
                mi_realloc(old, new_size)
            } else {
                mi_realloc_aligned(old, new_size, align)
            }
        };
        checked(block, align)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every size from 1 to 300 bytes and some large ones, with every
    /// alignment from 1 to 4 KiB, including alignments larger than the size:
    /// each block is aligned, writable, zeroed where asked, and keeps its
    /// bytes and alignment when it grows and shrinks.
    #[test]
    fn odd_layouts_are_aligned_and_keep_their_bytes() {
        let sizes = (1..=300).chain([1000, 1024, 1025, 4095, 4096, 70_000, 1 << 21]);
        for size in sizes {
            for align in (0..=12).map(|shift| 1usize << shift) {
                let layout = Layout::from_size_align(size, align).expect("valid layout");
                // SAFETY: the layout is non-zero in size; each block is freed
                // once, with the layout it was last given.
                unsafe {
                    let zeroed = Mimalloc.alloc_zeroed(layout);
                    assert!(!zeroed.is_null() && zeroed.addr().is_multiple_of(align), "zeroed {size}/{align}");
                    assert!(std::slice::from_raw_parts(zeroed, size).iter().all(|&b| b == 0), "zeroed {size}/{align}");
                    Mimalloc.dealloc(zeroed, layout);

                    for new_size in [size * 3 + 7, (size / 3).max(1)] {
                        let block = Mimalloc.alloc(layout);
                        assert!(!block.is_null() && block.addr().is_multiple_of(align), "alloc {size}/{align}");
                        for i in 0..size {
                            block.add(i).write(i as u8);
                        }
                        let moved = Mimalloc.realloc(block, layout, new_size);
                        assert!(
                            !moved.is_null() && moved.addr().is_multiple_of(align),
                            "realloc {size}->{new_size}/{align}"
                        );
                        let kept = size.min(new_size);
                        assert!(
                            (0..kept).all(|i| *moved.add(i) == i as u8),
                            "realloc {size}->{new_size}/{align} lost bytes"
                        );
                        Mimalloc.dealloc(moved, Layout::from_size_align(new_size, align).expect("valid layout"));
                    }
                }
            }
        }
    }
}
