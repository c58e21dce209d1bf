//! Walking a paginated listing as one stream of items.
//!
//! Generated code implements [`Page`] for the API's numbered-page list
//! envelope, or [`CursorPage`] for a cursor-paginated one, and its listing
//! operations hand a page-fetching closure to [`paginate`] or
//! [`paginate_cursor`].

mod cursor;

pub use cursor::{paginate_cursor, paginate_cursor_with_limit, CursorPage};

use std::collections::VecDeque;
use std::future::Future;

use futures_core::Stream;

use crate::{Error, ErrorKind};

/// One page of a listing: its items and where it sits in the whole list.
pub trait Page {
    /// What the listing lists.
    type Item;

    /// The items on this page, in order.
    fn items(self) -> Vec<Self::Item>;

    /// The number of this page, as the server reports it.
    fn page_number(&self) -> Option<i64>;

    /// How many pages the whole listing has, as the server reports it.
    fn total_pages(&self) -> Option<i64>;
}

/// Streams every item of a listing, fetching page after page as needed.
///
/// `fetch(n)` gets page `n`, starting at `first_page`. A page is fetched
/// only when the consumer asks for an item past those already fetched, so
/// taking a few items costs only the pages they are on, and dropping the
/// stream fetches nothing more. Each item is yielded once, in order.
///
/// The stream ends after the page whose number (the one the server reports,
/// or else `n`) reaches the reported `total_pages`, or at an empty page. If
/// fetching a page fails, the error is yielded and the stream ends.
///
/// A server cannot make the walk loop: a page that reports a number other
/// than the one requested ends the stream with
/// [`ErrorKind::PageNotAdvancing`], and after `DEFAULT_MAX_PAGES` (10,000) pages it
/// ends with [`ErrorKind::PageLimit`] (see [`paginate_with_limit`] to change
/// the cap).
///
/// The stream is not `Unpin`; pin it (`std::pin::pin!` or `Box::pin`)
/// before calling `next()`.
///
/// ```
/// use futures_util::StreamExt;
/// use telnyx_codegen_runtime::__private_v1::{paginate, Page};
/// use telnyx_codegen_runtime::Error;
///
/// struct Numbers { data: Vec<u32>, page: i64, total: i64 }
///
/// impl Page for Numbers {
///     type Item = u32;
///     fn items(self) -> Vec<u32> { self.data }
///     fn page_number(&self) -> Option<i64> { Some(self.page) }
///     fn total_pages(&self) -> Option<i64> { Some(self.total) }
/// }
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let pages = paginate(1, |page| async move {
///     let first = u32::try_from(page).unwrap() * 10;
///     Ok::<_, Error<()>>(Numbers { data: vec![first, first + 1], page, total: 2 })
/// });
/// let items: Vec<u32> = pages.map(Result::unwrap).collect().await;
/// assert_eq!(items, [10, 11, 20, 21]);
/// # });
/// ```
pub fn paginate<P, F, Fut, E>(
    first_page: i64,
    fetch: F,
) -> impl Stream<Item = Result<P::Item, Error<E>>>
where
    P: Page,
    F: FnMut(i64) -> Fut,
    Fut: Future<Output = Result<P, Error<E>>>,
{
    paginate_with_limit(first_page, DEFAULT_MAX_PAGES, fetch)
}

/// How many pages [`paginate`] and [`paginate_cursor`] fetch at most: 10,000, which at the usual
/// largest page size of 250 is 2.5 million items.
pub const DEFAULT_MAX_PAGES: u64 = 10_000;

/// [`paginate`], fetching at most `max_pages` pages: when the listing has
/// more, the stream yields [`ErrorKind::PageLimit`] after the items of the last
/// page fetched and ends. A `max_pages` of 0 fetches nothing and ends with
/// that error at once.
pub fn paginate_with_limit<P, F, Fut, E>(
    first_page: i64,
    max_pages: u64,
    fetch: F,
) -> impl Stream<Item = Result<P::Item, Error<E>>>
where
    P: Page,
    F: FnMut(i64) -> Fut,
    Fut: Future<Output = Result<P, Error<E>>>,
{
    let state = Walk {
        fetch,
        next_page: Some(first_page),
        fetched: VecDeque::new(),
        pages_left: max_pages,
        max_pages,
    };
    futures_util::stream::try_unfold(state, |mut walk| async move {
        loop {
            if let Some(item) = walk.fetched.pop_front() {
                return Ok(Some((item, walk)));
            }
            let Some(number) = walk.next_page else {
                return Ok(None);
            };
            if walk.pages_left == 0 {
                return Err(Error::from(ErrorKind::PageLimit {
                    max_pages: walk.max_pages,
                }));
            }
            walk.pages_left -= 1;
            let page = (walk.fetch)(number).await?;
            if let Some(reported) = page.page_number().filter(|reported| *reported != number) {
                return Err(Error::from(ErrorKind::PageNotAdvancing {
                    requested: number,
                    reported,
                }));
            }
            let reached = number;
            let last = page.total_pages().is_some_and(|total| reached >= total);
            let items = page.items();
            walk.next_page = if last || items.is_empty() {
                None
            } else {
                number.checked_add(1)
            };
            walk.fetched = items.into();
        }
    })
}

/// Where a listing walk is: how to fetch, what to fetch next, and the
/// items fetched but not yet yielded.
struct Walk<F, T> {
    fetch: F,
    /// `None` once the last page has been fetched.
    next_page: Option<i64>,
    fetched: VecDeque<T>,
    /// How many more pages may be fetched.
    pages_left: u64,
    /// The cap the walk started with, for the error.
    max_pages: u64,
}
