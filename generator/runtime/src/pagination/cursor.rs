//! Walking a cursor-paginated listing as one stream of items.
//!
//! Some listings do not number their pages: each page carries an opaque
//! cursor that names the page after it, and the last page carries none.
//! Generated code implements [`CursorPage`] for such an envelope, and its
//! listing operations hand a page-fetching closure to [`paginate_cursor`].

use std::collections::{HashSet, VecDeque};
use std::future::Future;

use futures_core::Stream;

use super::DEFAULT_MAX_PAGES;
use crate::{Error, ErrorKind};

/// One page of a cursor-paginated listing: its items and the cursor of the
/// page after it.
pub trait CursorPage {
    /// What the listing lists.
    type Item;

    /// The items on this page, in order.
    fn items(self) -> Vec<Self::Item>;

    /// The cursor that asks for the next page; `None` (or an empty string)
    /// on the last page.
    fn next_cursor(&self) -> Option<&str>;
}

/// Streams every item of a cursor-paginated listing, fetching page after
/// page as needed.
///
/// `fetch(cursor)` gets the page after `cursor`; the first call gets
/// `first_cursor` (`None` for the start of the listing). Pages are fetched
/// only when the consumer asks for an item past those already fetched, and
/// dropping the stream fetches nothing more. The stream ends after a page
/// without a next cursor or with no items. If fetching a page fails, the
/// error is yielded and the stream ends.
///
/// A server cannot make the walk loop: a cursor handed back a second time
/// ends the stream with [`ErrorKind::CursorRepeated`], and after
/// `DEFAULT_MAX_PAGES` (10,000) pages it ends with [`ErrorKind::PageLimit`] (see
/// [`paginate_cursor_with_limit`]).
///
/// ```
/// use futures_util::StreamExt;
/// use telnyx_codegen_runtime::__private_v1::{paginate_cursor, CursorPage};
/// use telnyx_codegen_runtime::Error;
///
/// struct Calls { data: Vec<&'static str>, after: Option<String> }
///
/// impl CursorPage for Calls {
///     type Item = &'static str;
///     fn items(self) -> Vec<&'static str> { self.data }
///     fn next_cursor(&self) -> Option<&str> { self.after.as_deref() }
/// }
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let calls = paginate_cursor(None, |cursor| async move {
///     Ok::<_, Error<()>>(match cursor.as_deref() {
///         None => Calls { data: vec!["a", "b"], after: Some("c1".into()) },
///         Some(_) => Calls { data: vec!["c"], after: None },
///     })
/// });
/// let items: Vec<&str> = calls.map(Result::unwrap).collect().await;
/// assert_eq!(items, ["a", "b", "c"]);
/// # });
/// ```
pub fn paginate_cursor<P, F, Fut, E>(
    first_cursor: Option<String>,
    fetch: F,
) -> impl Stream<Item = Result<P::Item, Error<E>>>
where
    P: CursorPage,
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<P, Error<E>>>,
{
    paginate_cursor_with_limit(first_cursor, DEFAULT_MAX_PAGES, fetch)
}

/// [`paginate_cursor`], fetching at most `max_pages` pages: when the
/// listing has more, the stream yields [`ErrorKind::PageLimit`] after the items
/// of the last page fetched and ends.
pub fn paginate_cursor_with_limit<P, F, Fut, E>(
    first_cursor: Option<String>,
    max_pages: u64,
    fetch: F,
) -> impl Stream<Item = Result<P::Item, Error<E>>>
where
    P: CursorPage,
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<P, Error<E>>>,
{
    let state = CursorWalk {
        fetch,
        next: Next::Fetch(first_cursor),
        seen: HashSet::new(),
        fetched: VecDeque::new(),
        pages: 0,
        max_pages,
    };
    futures_util::stream::try_unfold(state, |mut walk| async move {
        loop {
            if let Some(item) = walk.fetched.pop_front() {
                return Ok(Some((item, walk)));
            }
            let cursor = match std::mem::replace(&mut walk.next, Next::End) {
                Next::Fetch(cursor) => cursor,
                Next::End => return Ok(None),
                Next::Repeated => {
                    return Err(Error::from(ErrorKind::CursorRepeated { pages: walk.pages }))
                }
            };
            if walk.pages == walk.max_pages {
                return Err(Error::from(ErrorKind::PageLimit {
                    max_pages: walk.max_pages,
                }));
            }
            walk.pages += 1;
            let page = (walk.fetch)(cursor).await?;
            let after = page
                .next_cursor()
                .filter(|after| !after.is_empty())
                .map(str::to_owned);
            let items = page.items();
            walk.next = match after {
                Some(_) if items.is_empty() => Next::End,
                // The set holds one cursor per page fetched, so it is
                // bounded by `max_pages` like the walk itself.
                Some(after) if walk.seen.insert(after.clone()) => Next::Fetch(Some(after)),
                Some(_) => Next::Repeated,
                None => Next::End,
            };
            walk.fetched = items.into();
        }
    })
}

/// What the walk does once the items fetched so far are yielded.
enum Next {
    /// Fetch the page after this cursor (`None`: the first page).
    Fetch(Option<String>),
    /// End with [`ErrorKind::CursorRepeated`]: the last page pointed back.
    Repeated,
    /// The last page has been fetched.
    End,
}

/// Where a cursor walk is: how to fetch, the cursor to fetch next, the
/// cursors already followed, and the items fetched but not yet yielded.
struct CursorWalk<F, T> {
    fetch: F,
    next: Next,
    seen: HashSet<String>,
    fetched: VecDeque<T>,
    /// Pages fetched so far.
    pages: u64,
    max_pages: u64,
}
