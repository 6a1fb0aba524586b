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
    /// The totals of the Contacts tab under the dashboard's filters, per list of the sender code (lists with none are
    /// absent): the subscriptions now whose Subscribe Date is in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), the
    /// predicate of the grid's own page (<see cref="GetSubscribedWithinAsync"/>). In: UTC instants on quarter hours (the
    /// starts of days in any time zone). Read from <see cref="SubscribeDateCount"/> (whole UTC days, quarter hours at the
    /// ends), so it costs the same for a day as for two years; GridDateCountsTests checks it against the rows.
    /// </summary>
    public async Task<Dictionary<int, int>> CountSubscribedWithinAsync(int senderCodeId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var totals = new Dictionary<int, int>();
        foreach (var (minutes, from, to) in Buckets(fromUtc, toUtc))
        {
            var rows = await db.SubscribeDateCounts.AsNoTracking()
                .Where(c => c.SenderCodeId == senderCodeId && c.BucketMinutes == minutes && c.BucketStartUtc >= from && c.BucketStartUtc < to)
                .GroupBy(c => c.ListId).Select(g => new { ListId = g.Key, Count = g.Sum(c => c.Count) }).ToListAsync(ct);
            foreach (var row in rows)
            {
                totals[row.ListId] = totals.GetValueOrDefault(row.ListId) + row.Count;
            }
        }

        return totals;
    }

    /// <summary>
    /// The totals of the Opted-Out tab under the dashboard's filters, by list and reason: numbers now with an Opt-out Date
    /// in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), by reason (list key <see cref="OptOutDateCount.AllLists"/>:
    /// the tab without a list), and per list the numbers that opt-out took off that list. The predicate of
    /// <see cref="GetOptedOutAsync"/> with those filters, read from <see cref="OptOutDateCount"/> like
    /// <see cref="CountSubscribedWithinAsync"/>.
    /// </summary>
    public async Task<Dictionary<(int ListId, OptOutReason Reason), int>> CountOptedOutWithinAsync(int senderCodeId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var totals = new Dictionary<(int ListId, OptOutReason Reason), int>();
        foreach (var (minutes, from, to) in Buckets(fromUtc, toUtc))
        {
            var rows = await db.OptOutDateCounts.AsNoTracking()
                .Where(c => c.SenderCodeId == senderCodeId && c.BucketMinutes == minutes && c.BucketStartUtc >= from && c.BucketStartUtc < to)
                .GroupBy(c => new { c.ListId, c.Reason }).Select(g => new { g.Key.ListId, g.Key.Reason, Count = g.Sum(c => c.Count) }).ToListAsync(ct);
            foreach (var row in rows)
            {
                var key = (row.ListId, (OptOutReason)row.Reason);
                totals[key] = totals.GetValueOrDefault(key) + row.Count;
            }
        }

        return totals;
    }

    private static IEnumerable<(int Minutes, DateTime From, DateTime To)> Buckets(DateTime fromUtc, DateTime toUtc)
    {
        var buckets = DateBuckets.Of(fromUtc, toUtc);
        if (buckets.DaysFrom < buckets.DaysTo)
        {
            yield return (ListActivity.DayMinutes, buckets.DaysFrom, buckets.DaysTo);
        }

        foreach (var (from, to) in buckets.QuarterHours.Where(q => q.From < q.To))
        {
            yield return (ListActivity.QuarterHourMinutes, from, to);
        }
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
