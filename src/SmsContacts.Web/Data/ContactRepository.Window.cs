using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data;

/// <summary>
/// The grid under the SMS List Dashboard's filters (<see cref="GridWindow"/>, and a list on the Opted-Out tab): the rows a
/// number on the dashboard counts, as they are now. Kept apart from the tuned paths of the plain grid: these are the
/// plain EF queries (date ranges are index ranges on (ListId | SenderCodeId, SubscribedUtc) and the opted-out indexes),
/// with the tab's phone search, sorts and paging.
/// </summary>
public sealed partial class ContactRepository
{
    /// <summary>
    /// The total of the Contacts tab under the dashboard's filters: the list's (null: every list's) subscriptions whose
    /// Subscribe Date is in the window. The predicate of the grid's own page (<see cref="GetSubscribedAsync"/>).
    /// </summary>
    public Task<int> CountSubscribedWithinAsync(int senderCodeId, int? listId, GridWindow window, CancellationToken ct) =>
        SubscribedWithin(senderCodeId, listId, window).CountAsync(ct);

    /// <summary>
    /// The totals of the Opted-Out tab under the dashboard's filters, by list and reason, in one pass: numbers with an
    /// Opt-out Date in the window, by reason (list key 0: the tab without a list), and per list the numbers that opt-out
    /// took off that list. The predicate of <see cref="GetOptedOutAsync"/> with those filters.
    /// </summary>
    public async Task<Dictionary<(int ListId, OptOutReason Reason), int>> CountOptedOutWithinAsync(int senderCodeId, GridWindow window, CancellationToken ct)
    {
        var within = OptedOutWithin(senderCodeId, null, window, null);
        var counts = (await within.GroupBy(c => c.OptOutReason!.Value).Select(g => new { Reason = g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => (0, x.Reason), x => x.Count);
        var perList = await within
            .Join(db.ConsentEvents, c => new { ContactId = c.Id, At = c.OptedOutUtc!.Value }, e => new { e.ContactId, At = e.OccurredUtc }, (c, e) => new { c.OptOutReason, e.ListId, e.Change })
            .Where(x => x.ListId != null && (x.Change == ConsentChanges.OptedOut || x.Change == ConsentChanges.Banned))
            .GroupBy(x => new { x.ListId, x.OptOutReason })
            .Select(g => new { g.Key.ListId, g.Key.OptOutReason, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var row in perList)
        {
            counts[(row.ListId!.Value, row.OptOutReason!.Value)] = row.Count;
        }

        return counts;
    }

    private IQueryable<Subscription> SubscribedWithin(int senderCodeId, int? listId, GridWindow window)
    {
        var rows = db.Subscriptions.AsNoTracking().Where(s => s.SenderCodeId == senderCodeId);
        if (listId is { } list)
        {
            rows = rows.Where(s => s.ListId == list);
        }

        if (window.FromUtc is { } from)
        {
            rows = rows.Where(s => s.SubscribedUtc >= from);
        }

        if (window.ToUtc is { } to)
        {
            rows = rows.Where(s => s.SubscribedUtc < to);
        }

        if (window.PendingOnly)
        {
            rows = rows.Where(s => s.Status == SubscriptionStatus.Pending);
        }

        return rows;
    }

    private IQueryable<Contact> OptedOutWithin(int senderCodeId, int? listId, GridWindow window, OptOutReason? reason)
    {
        var contacts = db.Contacts.AsNoTracking().Where(c => c.SenderCodeId == senderCodeId && c.OptedOutUtc != null);
        if (reason is { } r)
        {
            contacts = contacts.Where(c => c.OptOutReason == r);
        }

        if (window.FromUtc is { } from)
        {
            contacts = contacts.Where(c => c.OptedOutUtc >= from);
        }

        if (window.ToUtc is { } to)
        {
            contacts = contacts.Where(c => c.OptedOutUtc < to);
        }

        if (listId is { } list)
        {
            // Its opt-out took the number off the list: an opt-out or ban event of that list at its Opt-out Date
            // (every writer records one per list at the opt-out's own instant, see ContactConsent.OptOut).
            contacts = contacts.Where(c => db.ConsentEvents.Any(e => e.ContactId == c.Id && e.OccurredUtc == c.OptedOutUtc && e.ListId == list
                && (e.Change == ConsentChanges.OptedOut || e.Change == ConsentChanges.Banned)));
        }

        return contacts;
    }

    private async Task<GridPage<SubscribedRow>> GetSubscribedWithinAsync(int senderCodeId, GridQuery query, CancellationToken ct)
    {
        var rows = SubscribedWithin(senderCodeId, query.ListId, query.Window ?? new GridWindow());
        rows = WherePhoneMatches(rows, await SearchAsync(senderCodeId, query, ct), s => s.Phone);
        var total = await rows.CountAsync(ct);
        var (page, size, _, _) = Slice(query, total);
        var ordered = (query.Sort, query.Descending) switch
        {
            (GridSort.Email, false) => rows.OrderBy(r => r.Contact!.Email).ThenBy(r => r.ContactId).ThenBy(r => r.Id),
            (GridSort.Email, true) => rows.OrderByDescending(r => r.Contact!.Email).ThenByDescending(r => r.ContactId).ThenByDescending(r => r.Id),
            (GridSort.ListName, false) => rows.OrderBy(r => r.List!.Name).ThenBy(r => r.Phone),
            (GridSort.ListName, true) => rows.OrderByDescending(r => r.List!.Name).ThenByDescending(r => r.Phone),
            (GridSort.Phone, false) => rows.OrderBy(r => r.Phone).ThenBy(r => r.Id),
            (GridSort.Phone, true) => rows.OrderByDescending(r => r.Phone).ThenByDescending(r => r.Id),
            (_, false) => rows.OrderBy(r => r.SubscribedUtc).ThenBy(r => r.Id),
            (_, true) => rows.OrderByDescending(r => r.SubscribedUtc).ThenByDescending(r => r.Id),
        };
        var pageRows = await ordered.Skip((page - 1) * size).Take(size)
            .Select(s => new SubscribedRow(s.Id, s.ContactId, s.Phone, s.Contact!.Email, s.SubscribedUtc, s.List!.Name, s.Status))
            .ToListAsync(ct);
        return new GridPage<SubscribedRow>(pageRows, total, page, size);
    }

    private async Task<GridPage<OptedOutRow>> GetOptedOutWithinAsync(int senderCodeId, GridQuery query, CancellationToken ct)
    {
        var contacts = OptedOutWithin(senderCodeId, query.ListId, query.Window ?? new GridWindow(), query.Reason);
        contacts = WherePhoneMatches(contacts, await SearchAsync(senderCodeId, query, ct), c => c.Phone);
        var total = await contacts.CountAsync(ct);
        var (page, size, _, _) = Slice(query, total);
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
        var rows = await ordered.Skip((page - 1) * size).Take(size)
            .Select(c => new OptedOutRow(c.Id, c.Phone, c.Email, c.OptedOutUtc!.Value, c.OptOutReason!.Value))
            .ToListAsync(ct);
        return new GridPage<OptedOutRow>(rows, total, page, size);
    }
}
