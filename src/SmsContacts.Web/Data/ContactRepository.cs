using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Phone;

namespace SmsContacts.Web.Data;

/// <summary>
/// The grid queries of the three contact tabs. Each page is found in two steps: first the ids of
/// the page from one narrow index (so a deep page skips index entries, not joined rows), then the
/// columns of just those rows.
/// </summary>
public sealed class ContactRepository(AppDbContext db)
{
    public const int MaxPageSize = 200;

    public async Task<GridPage<SubscribedRow>> GetSubscribedAsync(int senderCodeId, GridQuery query, CancellationToken ct)
    {
        var subscriptions = Subscribed(senderCodeId, query.ListId, query.PhoneSearch);
        var total = await subscriptions.CountAsync(ct);
        var (page, size) = Clamp(query, total);

        IQueryable<long> ids = (query.Sort, query.Descending) switch
        {
            (GridSort.Email, false) => subscriptions.Join(db.Contacts, s => s.ContactId, c => c.Id, (s, c) => new { s.Id, c.Email })
                .OrderBy(x => x.Email).ThenBy(x => x.Id).Select(x => x.Id),
            (GridSort.Email, true) => subscriptions.Join(db.Contacts, s => s.ContactId, c => c.Id, (s, c) => new { s.Id, c.Email })
                .OrderByDescending(x => x.Email).ThenByDescending(x => x.Id).Select(x => x.Id),
            (GridSort.ListName, false) => subscriptions.Join(db.Lists, s => s.ListId, l => l.Id, (s, l) => new { s.Id, s.Phone, l.Name })
                .OrderBy(x => x.Name).ThenBy(x => x.Phone).Select(x => x.Id),
            (GridSort.ListName, true) => subscriptions.Join(db.Lists, s => s.ListId, l => l.Id, (s, l) => new { s.Id, s.Phone, l.Name })
                .OrderByDescending(x => x.Name).ThenByDescending(x => x.Phone).Select(x => x.Id),
            (GridSort.Phone, false) => subscriptions.OrderBy(s => s.Phone).ThenBy(s => s.Id).Select(s => s.Id),
            (GridSort.Phone, true) => subscriptions.OrderByDescending(s => s.Phone).ThenByDescending(s => s.Id).Select(s => s.Id),
            (_, false) => subscriptions.OrderBy(s => s.SubscribedUtc).ThenBy(s => s.Id).Select(s => s.Id),
            (_, true) => subscriptions.OrderByDescending(s => s.SubscribedUtc).ThenByDescending(s => s.Id).Select(s => s.Id),
        };

        var pageIds = await ids.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var rows = await db.Subscriptions.AsNoTracking()
            .Where(s => pageIds.Contains(s.Id))
            .Select(s => new SubscribedRow(s.Id, s.ContactId, s.Phone, s.Contact!.Email, s.SubscribedUtc, s.List!.Name, s.Status))
            .ToListAsync(ct);

        return new GridPage<SubscribedRow>(InOrderOf(pageIds, rows, r => r.SubscriptionId), total, page, size);
    }

    public async Task<GridPage<OptedOutRow>> GetOptedOutAsync(int senderCodeId, GridQuery query, CancellationToken ct)
    {
        var contacts = OptedOut(senderCodeId, query.Reason, query.PhoneSearch);
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

        var rows = await ordered.Skip((page - 1) * size).Take(size)
            .Select(c => new OptedOutRow(c.Id, c.Phone, c.Email, c.OptedOutUtc!.Value, c.OptOutReason!.Value))
            .ToListAsync(ct);
        return new GridPage<OptedOutRow>(rows, total, page, size);
    }

    public async Task<GridPage<OtherContactRow>> GetOtherContactsAsync(int senderCodeId, GridQuery query, CancellationToken ct)
    {
        var contacts = db.Contacts.AsNoTracking().Where(c => c.SenderCodeId == senderCodeId && c.OtherReplyUtc != null && c.OptedOutUtc == null);
        contacts = WherePhoneContains(contacts, query.PhoneSearch);

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

        var rows = await ordered.Skip((page - 1) * size).Take(size)
            .Select(c => new OtherContactRow(c.Id, c.Phone, c.LastMessageUtc, c.Email, c.OtherReply))
            .ToListAsync(ct);
        return new GridPage<OtherContactRow>(rows, total, page, size);
    }

    /// <summary>
    /// The Contacts tab's rows (one per subscription) under its filters. The grid pages through them;
    /// the export streams all of them through <see cref="SubscribedInContactOrder"/>. Both build their
    /// WHERE clause here, so they always agree on what a filter means.
    /// </summary>
    public IQueryable<Subscription> Subscribed(int senderCodeId, int? listId, string? phoneSearch) =>
        FilterSubscribed(senderCodeId, listId, phoneSearch, readWholeTable: false);

    /// <summary>The Opted-Out tab's rows (one per contact) under its filters; shared with the export.</summary>
    public IQueryable<Contact> OptedOut(int senderCodeId, OptOutReason? reason, string? phoneSearch) =>
        FilterOptedOut(senderCodeId, reason, phoneSearch, readWholeTable: false);

    /// <summary>
    /// Every row of <see cref="Subscribed"/>, ordered by contact, for reading all of them in one pass.
    /// See <see cref="FilterSubscribed"/> for why the plan differs from the grid's.
    /// </summary>
    public IQueryable<Subscription> SubscribedInContactOrder(int senderCodeId, int? listId, string? phoneSearch) =>
        FilterSubscribed(senderCodeId, listId, phoneSearch, readWholeTable: true).OrderBy(s => s.ContactId).ThenBy(s => s.ListId);

    /// <summary>Every row of <see cref="OptedOut"/>, ordered by contact, for reading all of them in one pass.</summary>
    public IQueryable<Contact> OptedOutInContactOrder(int senderCodeId, OptOutReason? reason, string? phoneSearch) =>
        FilterOptedOut(senderCodeId, reason, phoneSearch, readWholeTable: true).OrderBy(c => c.Id);

    /// <summary>
    /// With <paramref name="readWholeTable"/>, the sender code and list are compared as <c>column + 0</c>,
    /// which the database cannot look up in an index (SQLite's documented way to steer its planner).
    /// A page of the grid wants those indexes; reading a whole sender code does not: through the
    /// (SenderCodeId, ...) indexes SQLite fetches a million rows in phone or date order, one random
    /// page read each, and sorts them in memory, about four times slower. Without them it walks
    /// (ContactId, ListId) in order, so the contacts and custom field values come in storage order.
    /// </summary>
    private IQueryable<Subscription> FilterSubscribed(int senderCodeId, int? listId, string? phoneSearch, bool readWholeTable)
    {
        var subscriptions = db.Subscriptions.AsNoTracking();
        subscriptions = readWholeTable
            ? subscriptions.Where(s => s.SenderCodeId + 0 == senderCodeId)
            : subscriptions.Where(s => s.SenderCodeId == senderCodeId);
        if (listId is { } list)
        {
            subscriptions = readWholeTable ? subscriptions.Where(s => s.ListId + 0 == list) : subscriptions.Where(s => s.ListId == list);
        }

        var digits = PhoneNormalizer.DigitsOf(phoneSearch);
        return digits.Length == 0 ? subscriptions : subscriptions.Where(s => s.Phone.Contains(digits));
    }

    private IQueryable<Contact> FilterOptedOut(int senderCodeId, OptOutReason? reason, string? phoneSearch, bool readWholeTable)
    {
        var contacts = db.Contacts.AsNoTracking().Where(c => c.OptedOutUtc != null);
        contacts = readWholeTable
            ? contacts.Where(c => c.SenderCodeId + 0 == senderCodeId)
            : contacts.Where(c => c.SenderCodeId == senderCodeId);
        if (reason is { } r)
        {
            contacts = contacts.Where(c => c.OptOutReason == r);
        }

        return WherePhoneContains(contacts, phoneSearch);
    }

    private static IQueryable<Contact> WherePhoneContains(IQueryable<Contact> contacts, string? search)
    {
        var digits = PhoneNormalizer.DigitsOf(search);
        return digits.Length == 0 ? contacts : contacts.Where(c => c.Phone.Contains(digits));
    }

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
