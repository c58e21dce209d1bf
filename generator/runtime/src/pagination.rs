//! Walking a numbered-page listing as one stream of items.
//!
//! Generated code implements [`Page`] for the API's list envelope, and its
//! listing operations hand a page-fetching closure to [`paginate`].

use std::collections::VecDeque;
use std::future::Future;

use futures_core::Stream;

use crate::Error;

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
/// The stream is not `Unpin`; pin it (`std::pin::pin!` or `Box::pin`)
/// before calling `next()`.
///
/// ```
/// use futures_util::StreamExt;
/// use telnyx_codegen_runtime::pagination::{paginate, Page};
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
    let state = Walk {
        fetch,
        next_page: Some(first_page),
        fetched: VecDeque::new(),
    };
    futures_util::stream::try_unfold(state, |mut walk| async move {
        loop {
            if let Some(item) = walk.fetched.pop_front() {
                return Ok(Some((item, walk)));
            }
            let Some(number) = walk.next_page else {
                return Ok(None);
            };
            let page = (walk.fetch)(number).await?;
            let reached = page.page_number().unwrap_or(number);
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
}
