using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data;

/// <summary>
/// The grid queries of the three contact tabs.
/// - Browsing: a page is found in two steps, first the ids of the page from one narrow index (a deep
///   page skips index entries, not joined rows), then the columns of just those rows.
/// - Searching: the typed digits select a small set of contacts through index ranges
///   (<see cref="PhoneSearch"/>); their rows are loaded, sorted and paged in memory. A search so broad
///   that it matches more than <see cref="NarrowSearchLimit"/> numbers falls back to the browsing path.
/// </summary>
public sealed partial class ContactRepository(AppDbContext db, ISubscriptionCounts subscriptionCounts, IServiceScopeFactory scopes)
{
    public const int MaxPageSize = 200;
    public const int NarrowSearchLimit = 2_000;

    public async Task<GridPage<SubscribedRow>> GetSubscribedAsync(int senderCodeId, GridQuery query, CancellationToken ct)
    {
        if (query.Window is not null)
        {
            return await GetSubscribedWithinAsync(senderCodeId, query, ct);
        }

        // Filter on one column only, so SQLite (which has no statistics here) picks the index that
        // also gives the order: the list's own indexes when a list is chosen, else the sender code's.
        IQueryable<Subscription> subscriptions;
        if (query.ListId is { } listId)
        {
            if (!await db.Lists.AnyAsync(l => l.Id == listId && l.SenderCodeId == senderCodeId, ct))
            {
                return new GridPage<SubscribedRow>([], 0, 1, Math.Clamp(query.PageSize, 1, MaxPageSize));
            }

            subscriptions = db.Subscriptions.AsNoTracking().Where(s => s.ListId == listId);
        }
        else
        {
            subscriptions = db.Subscriptions.AsNoTracking().Where(s => s.SenderCodeId == senderCodeId);
        }

        var searched = false;
        if (await SearchAsync(senderCodeId, query, ct) is { } search)
        {
            if (search.NarrowIds is { } ids)
            {
                // The ids are the sender code's already; filtering on them alone makes their index the obvious one.
                var matched = db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.ContactId));
                if (query.ListId is { } list)
                {
                    matched = matched.Where(s => s.ListId == list);
                }

                return PageInMemory(await SelectRows(matched).ToListAsync(ct), query, SortSubscribed);
            }

            subscriptions = subscriptions.Where(s => search.Matches.Contains(s.ContactId));
            searched = true;
        }

        // The total and the page are independent reads. A sender code's or a list's total is remembered
        // until the data changes and, when it must be counted again (a million index entries), it is counted
        // on a second connection while this one finds the page; a broad search's total is counted here.
        var listFilter = query.ListId;
        var totalTask = searched
            ? subscriptions.CountAsync(ct)
            : subscriptionCounts.GetAsync(senderCodeId, listFilter, () => CountOnOwnConnectionAsync(senderCodeId, listFilter, ct), ct);
        var pageOrder = (query.Sort, query.Descending) switch
        {
            // Unfiltered, the email order joins every subscription and lets the contacts' sender code scope them.
            (GridSort.Email, _) => OrderByEmail(query.ListId is null && !searched ? db.Subscriptions : subscriptions, senderCodeId, query.Descending),
            (GridSort.ListName, _) => OrderByListName(subscriptions, senderCodeId, query.Descending),
            (GridSort.Phone, false) => subscriptions.OrderBy(s => s.Phone).ThenBy(s => s.Id).Select(s => s.Id),
            (GridSort.Phone, true) => subscriptions.OrderByDescending(s => s.Phone).ThenByDescending(s => s.Id).Select(s => s.Id),
            (_, false) => subscriptions.OrderBy(s => s.SubscribedUtc).ThenBy(s => s.Id).Select(s => s.Id),
            (_, true) => subscriptions.OrderByDescending(s => s.SubscribedUtc).ThenByDescending(s => s.Id).Select(s => s.Id),
        };

        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        var pageIds = searched ? null : await pageOrder.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var total = await totalTask;

        // Asked for a page past the end (or the total was still being counted): take the last page instead.
        (page, size) = Clamp(query, total);
        if (pageIds is null || page != Math.Max(1, query.Page))
        {
            pageIds = await pageOrder.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        }

        var rows = await SelectRows(db.Subscriptions.AsNoTracking().Where(s => pageIds.Contains(s.Id))).ToListAsync(ct);
        return new GridPage<SubscribedRow>(InOrderOf(pageIds, rows, r => r.SubscriptionId), total, page, size);
    }

    public async Task<GridPage<OptedOutRow>> GetOptedOutAsync(int senderCodeId, GridQuery query, CancellationToken ct)
    {
        if (query.Window is not null || query.ListId is not null)
        {
            return await GetOptedOutWithinAsync(senderCodeId, query, ct);
        }

        var contacts = db.Contacts.AsNoTracking().Where(c => c.SenderCodeId == senderCodeId && c.OptedOutUtc != null);
        if (query.Reason is { } reason)
        {
            contacts = contacts.Where(c => c.OptOutReason == reason);
        }

        if (await SearchAsync(senderCodeId, query, ct) is { } search)
        {
            if (search.NarrowIds is { } ids)
            {
                var found = await db.Contacts.AsNoTracking()
                    .Where(c => ids.Contains(c.Id) && c.OptedOutUtc != null && (query.Reason == null || c.OptOutReason == query.Reason))
                    .Select(c => new OptedOutRow(c.Id, c.Phone, c.Email, c.OptedOutUtc!.Value, c.OptOutReason!.Value))
                    .ToListAsync(ct);
                return PageInMemory(found, query, SortOptedOut);
            }

            contacts = contacts.Where(c => search.Matches.Contains(c.Id));
        }

        var total = await contacts.CountAsync(ct);
        var (page, size) = Clamp(query, total);
        var ordered = (query.Sort, query.Descending) switch
        {
            (GridSort.Phone, false) => contacts.OrderBy(c => c.Phone),
            (GridSort.Phone, true) => contacts.OrderByDescending(c => c.Phone),
            (GridSort.Email, false) => contacts.OrderBy(c => c.Email).ThenBy(c => c.Id),
            (GridSort.Email, true) => contacts.OrderByDescending(c => c.Email).ThenByDescending(c => c.Id),
            (GridSort.Reason, false) => contacts.OrderBy(c => c.OptOutReason).ThenBy(c => c.OptedOutUtc).ThenBy(c => c.Id),
            (GridSort.Reason, true) => contacts.OrderByDescending(c => c.OptOutReason).ThenByDescending(c => c.OptedOutUtc).ThenByDescending(c => c.Id),
            (_, false) => contacts.OrderBy(c => c.OptedOutUtc).ThenBy(c => c.Id),
            (_, true) => contacts.OrderByDescending(c => c.OptedOutUtc).ThenByDescending(c => c.Id),
        };

        var pageRows = await ordered.Skip((page - 1) * size).Take(size)
            .Select(c => new OptedOutRow(c.Id, c.Phone, c.Email, c.OptedOutUtc!.Value, c.OptOutReason!.Value))
            .ToListAsync(ct);
        return new GridPage<OptedOutRow>(pageRows, total, page, size);
    }

    public async Task<GridPage<OtherContactRow>> GetOtherContactsAsync(int senderCodeId, GridQuery query, CancellationToken ct)
    {
        var contacts = db.Contacts.AsNoTracking().Where(c => c.SenderCodeId == senderCodeId && c.OtherReplyUtc != null && c.OptedOutUtc == null);
        if (await SearchAsync(senderCodeId, query, ct) is { } search)
        {
            if (search.NarrowIds is { } ids)
            {
                var found = await db.Contacts.AsNoTracking()
                    .Where(c => ids.Contains(c.Id) && c.OtherReplyUtc != null && c.OptedOutUtc == null)
                    .Select(c => new OtherContactRow(c.Id, c.Phone, c.LastMessageUtc, c.Email, c.OtherReply))
                    .ToListAsync(ct);
                return PageInMemory(found, query, SortOther);
            }

            contacts = contacts.Where(c => search.Matches.Contains(c.Id));
        }

        var total = await contacts.CountAsync(ct);
        var (page, size) = Clamp(query, total);
        var ordered = (query.Sort, query.Descending) switch
        {
            (GridSort.Phone, false) => contacts.OrderBy(c => c.Phone),
            (GridSort.Phone, true) => contacts.OrderByDescending(c => c.Phone),
            (GridSort.Email, false) => contacts.OrderBy(c => c.Email).ThenBy(c => c.Id),
            (GridSort.Email, true) => contacts.OrderByDescending(c => c.Email).ThenByDescending(c => c.Id),
            (_, false) => contacts.OrderBy(c => c.LastMessageUtc).ThenBy(c => c.Id),
            (_, true) => contacts.OrderByDescending(c => c.LastMessageUtc).ThenByDescending(c => c.Id),
        };

        var pageRows = await ordered.Skip((page - 1) * size).Take(size)
            .Select(c => new OtherContactRow(c.Id, c.Phone, c.LastMessageUtc, c.Email, c.OtherReply))
            .ToListAsync(ct);
        return new GridPage<OtherContactRow>(pageRows, total, page, size);
    }

    private async Task<int> CountOnOwnConnectionAsync(int senderCodeId, int? listId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<AppDbContext>().Subscriptions.AsNoTracking();
        return await (listId is { } list ? own.Where(s => s.ListId == list) : own.Where(s => s.SenderCodeId == senderCodeId)).CountAsync(ct);
    }

    private static IQueryable<SubscribedRow> SelectRows(IQueryable<Subscription> subscriptions) =>
        subscriptions.Select(s => new SubscribedRow(s.Id, s.ContactId, s.Phone, s.Contact!.Email, s.SubscribedUtc, s.List!.Name, s.Status));

    /// <summary>
    /// Contacts drive the join through their (sender code, email) index, so rows come out in email
    /// order without sorting every subscription; the join itself scopes the subscriptions to the code.
    /// </summary>
    private IQueryable<long> OrderByEmail(IQueryable<Subscription> subscriptions, int senderCodeId, bool descending)
    {
        var joined = db.Contacts.Where(c => c.SenderCodeId == senderCodeId)
            .Join(subscriptions, c => c.Id, s => s.ContactId, (c, s) => new { SubscriptionId = s.Id, ContactId = c.Id, c.Email });
        return descending
            ? joined.OrderByDescending(x => x.Email).ThenByDescending(x => x.ContactId).ThenByDescending(x => x.SubscriptionId).Select(x => x.SubscriptionId)
            : joined.OrderBy(x => x.Email).ThenBy(x => x.ContactId).ThenBy(x => x.SubscriptionId).Select(x => x.SubscriptionId);
    }

    /// <summary>Lists (few) drive the join in name order; within a list its (list, phone) index gives the order.</summary>
    private IQueryable<long> OrderByListName(IQueryable<Subscription> subscriptions, int senderCodeId, bool descending)
    {
        var joined = subscriptions.Join(
            db.Lists.Where(l => l.SenderCodeId == senderCodeId), s => s.ListId, l => l.Id, (s, l) => new { s.Id, s.Phone, l.Name });
        return descending
            ? joined.OrderByDescending(x => x.Name).ThenByDescending(x => x.Phone).Select(x => x.Id)
            : joined.OrderBy(x => x.Name).ThenBy(x => x.Phone).Select(x => x.Id);
    }

    /// <summary>The contacts a search matches; their ids too when they are few enough to page in memory.</summary>
    private sealed record Search(IQueryable<long> Matches, List<long>? NarrowIds);

    private async Task<Search?> SearchAsync(int senderCodeId, GridQuery query, CancellationToken ct)
    {
        if (await PhoneMatchesAsync(senderCodeId, query.PhoneSearch, ct) is not { } matches)
        {
            return null;
        }

        var ids = await matches.Take(NarrowSearchLimit + 1).ToListAsync(ct);
        return new Search(matches, ids.Count <= NarrowSearchLimit ? ids : null);
    }

    /// <summary>Ids of the contacts the typed phone search matches; null when it has no digits (no filter).</summary>
    private async Task<IQueryable<long>?> PhoneMatchesAsync(int senderCodeId, string? phoneSearch, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(phoneSearch))
        {
            return null;
        }

        var region = await db.SenderCodes.Where(s => s.Id == senderCodeId).Select(s => s.CountryCode).SingleAsync(ct);
        return PhoneSearch.For(phoneSearch, region)?.MatchingContactIds(db, senderCodeId);
    }

    /// <summary>
    /// Every row of the Contacts tab under its filters (list, phone search: the same meaning as in
    /// <see cref="GetSubscribedAsync"/>), ordered by contact, for reading all of them in one pass (the export).
    /// See <see cref="NoIndex"/> for why the sender code and list are compared as they are.
    /// </summary>
    public async Task<IQueryable<Subscription>> SubscribedInContactOrderAsync(int senderCodeId, int? listId, string? phoneSearch, CancellationToken ct)
    {
        var subscriptions = db.Subscriptions.AsNoTracking().Where(s => s.SenderCodeId + NoIndex == senderCodeId);
        if (listId is { } list)
        {
            subscriptions = subscriptions.Where(s => s.ListId + NoIndex == list);
        }

        if (await PhoneMatchesAsync(senderCodeId, phoneSearch, ct) is { } matches)
        {
            subscriptions = subscriptions.Where(s => matches.Contains(s.ContactId));
        }

        return subscriptions.OrderBy(s => s.ContactId).ThenBy(s => s.ListId);
    }

    /// <summary>Every row of the Opted-Out tab under its filters (reason, phone search), ordered by contact (the export).</summary>
    public async Task<IQueryable<Contact>> OptedOutInContactOrderAsync(int senderCodeId, OptOutReason? reason, string? phoneSearch, CancellationToken ct)
    {
        var contacts = db.Contacts.AsNoTracking().Where(c => c.SenderCodeId + NoIndex == senderCodeId && c.OptedOutUtc != null);
        if (reason is { } r)
        {
            contacts = contacts.Where(c => c.OptOutReason == r);
        }

        if (await PhoneMatchesAsync(senderCodeId, phoneSearch, ct) is { } matches)
        {
            contacts = contacts.Where(c => matches.Contains(c.Id));
        }

        return contacts.OrderBy(c => c.Id);
    }

    /// <summary>
    /// Added to a column, this makes the comparison one the database cannot answer from an index
    /// (SQLite's documented way to steer its planner). A page of the grid wants the (SenderCodeId, ...)
    /// and (ListId, ...) indexes; reading a whole sender code does not: through them SQLite fetches a
    /// million rows in phone or date order, a random page read each, and then sorts them in memory.
    /// Without them it walks (ContactId, ListId) or the contacts' key in order, so contacts and custom
    /// field values come in storage order and nothing is sorted (measured on a million demo contacts:
    /// about 3x less CPU, and no temporary B-tree).
    /// </summary>
    public const int NoIndex = 0;

    private static GridPage<T> PageInMemory<T>(List<T> rows, GridQuery query, Func<IEnumerable<T>, string?, bool, IEnumerable<T>> sort)
    {
        var (page, size) = Clamp(query, rows.Count);
        var pageRows = sort(rows, query.Sort, query.Descending).Skip((page - 1) * size).Take(size).ToList();
        return new GridPage<T>(pageRows, rows.Count, page, size);
    }

    // The in-memory orders mirror the SQL ones above (nulls first ascending, same tie-breakers).
    private static IEnumerable<SubscribedRow> SortSubscribed(IEnumerable<SubscribedRow> rows, string? sort, bool descending) => (sort, descending) switch
    {
        (GridSort.Email, false) => rows.OrderBy(r => r.Email, StringComparer.Ordinal).ThenBy(r => r.ContactId).ThenBy(r => r.SubscriptionId),
        (GridSort.Email, true) => rows.OrderByDescending(r => r.Email, StringComparer.Ordinal).ThenByDescending(r => r.ContactId).ThenByDescending(r => r.SubscriptionId),
        (GridSort.ListName, false) => rows.OrderBy(r => r.ListName, StringComparer.Ordinal).ThenBy(r => r.Phone, StringComparer.Ordinal),
        (GridSort.ListName, true) => rows.OrderByDescending(r => r.ListName, StringComparer.Ordinal).ThenByDescending(r => r.Phone, StringComparer.Ordinal),
        (GridSort.Phone, false) => rows.OrderBy(r => r.Phone, StringComparer.Ordinal).ThenBy(r => r.SubscriptionId),
        (GridSort.Phone, true) => rows.OrderByDescending(r => r.Phone, StringComparer.Ordinal).ThenByDescending(r => r.SubscriptionId),
        (_, false) => rows.OrderBy(r => r.SubscribedUtc).ThenBy(r => r.SubscriptionId),
        (_, true) => rows.OrderByDescending(r => r.SubscribedUtc).ThenByDescending(r => r.SubscriptionId),
    };

    private static IEnumerable<OptedOutRow> SortOptedOut(IEnumerable<OptedOutRow> rows, string? sort, bool descending) => (sort, descending) switch
    {
        (GridSort.Phone, false) => rows.OrderBy(r => r.Phone, StringComparer.Ordinal),
        (GridSort.Phone, true) => rows.OrderByDescending(r => r.Phone, StringComparer.Ordinal),
        (GridSort.Email, false) => rows.OrderBy(r => r.Email, StringComparer.Ordinal).ThenBy(r => r.ContactId),
        (GridSort.Email, true) => rows.OrderByDescending(r => r.Email, StringComparer.Ordinal).ThenByDescending(r => r.ContactId),
        (GridSort.Reason, false) => rows.OrderBy(r => r.Reason).ThenBy(r => r.OptedOutUtc).ThenBy(r => r.ContactId),
        (GridSort.Reason, true) => rows.OrderByDescending(r => r.Reason).ThenByDescending(r => r.OptedOutUtc).ThenByDescending(r => r.ContactId),
        (_, false) => rows.OrderBy(r => r.OptedOutUtc).ThenBy(r => r.ContactId),
        (_, true) => rows.OrderByDescending(r => r.OptedOutUtc).ThenByDescending(r => r.ContactId),
    };

    private static IEnumerable<OtherContactRow> SortOther(IEnumerable<OtherContactRow> rows, string? sort, bool descending) => (sort, descending) switch
    {
        (GridSort.Phone, false) => rows.OrderBy(r => r.Phone, StringComparer.Ordinal),
        (GridSort.Phone, true) => rows.OrderByDescending(r => r.Phone, StringComparer.Ordinal),
        (GridSort.Email, false) => rows.OrderBy(r => r.Email, StringComparer.Ordinal).ThenBy(r => r.ContactId),
        (GridSort.Email, true) => rows.OrderByDescending(r => r.Email, StringComparer.Ordinal).ThenByDescending(r => r.ContactId),
        (_, false) => rows.OrderBy(r => r.LastMessageUtc).ThenBy(r => r.ContactId),
        (_, true) => rows.OrderByDescending(r => r.LastMessageUtc).ThenByDescending(r => r.ContactId),
    };

    /// <summary>Keeps page and size in range; a page past the end shows the last page rather than nothing.</summary>
    private static (int Page, int Size) Clamp(GridQuery query, int total)
    {
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var lastPage = Math.Max(1, (int)Math.Ceiling(total / (double)size));
        return (Math.Clamp(query.Page, 1, lastPage), size);
    }

    private static List<T> InOrderOf<T>(List<long> ids, List<T> rows, Func<T, long> idOf)
    {
        var byId = rows.ToDictionary(idOf);
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }
}
