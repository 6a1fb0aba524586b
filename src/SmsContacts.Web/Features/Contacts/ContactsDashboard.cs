using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.Contacts;

/// <summary>Builds one view of the dashboard: the tab's page of rows, its filters and the user's columns.</summary>
public sealed class ContactsDashboard(ContactRepository contacts, ColumnPreferences columns, AppDbContext db)
{
    public async Task<DashboardModel> LoadAsync(SenderCodeOption senderCode, DashboardRequest request, string userId, CancellationToken ct, NodaTime.DateTimeZone? zone = null)
    {
        var tab = DashboardTab.Normalize(request.Tab);
        var tabColumns = DashboardColumns.For(tab);
        if (request.Sort is not null && tabColumns.All(c => c.Key != request.Sort))
        {
            request.Sort = null;
            request.Dir = null;
        }

        zone ??= NodaTime.DateTimeZone.Utc;
        if (tab == DashboardTab.Other || (tab == DashboardTab.OptedOut && request.PendingOnly))
        {
            request.From = request.To = request.Status = null;
        }

        var query = request.ToQuery() with { Window = request.Window(zone) };
        var sort = request.Sort ?? DashboardColumns.DefaultSort(tab);
        var lists = await db.Lists.AsNoTracking()
            .Where(l => l.SenderCodeId == senderCode.Id)
            .OrderBy(l => l.Name)
            .Select(l => new ListOption(l.Id, l.Name))
            .ToListAsync(ct);

        if (request.List is { } listId && lists.All(l => l.Id != listId))
        {
            // A list of another sender code (or a stale link) must not leak or silently filter to nothing.
            request.List = null;
            query = query with { ListId = null };
        }

        return new DashboardModel
        {
            WindowWords = WindowWords(tab, request, lists, zone),
            SenderCode = senderCode,
            Tab = tab,
            Request = request,
            Sort = sort,
            Descending = query.Descending,
            Columns = tabColumns,
            HiddenColumns = await columns.GetHiddenAsync(userId, tab, ct),
            Lists = lists,
            Search = PhoneSearch.Parse(request.Q, senderCode.CountryCode),
            Subscribed = tab == DashboardTab.Contacts ? await contacts.GetSubscribedAsync(senderCode.Id, query, ct) : null,
            OptedOut = tab == DashboardTab.OptedOut ? await contacts.GetOptedOutAsync(senderCode.Id, query, ct) : null,
            Other = tab == DashboardTab.Other ? await contacts.GetOtherContactsAsync(senderCode.Id, query, ct) : null,
        };
    }

    private static string? WindowWords(string tab, DashboardRequest request, IReadOnlyList<ListOption> lists, NodaTime.DateTimeZone zone)
    {
        var parts = new List<string>();
        if (request.FromDay is not null || request.ToDay is not null)
        {
            var column = tab == DashboardTab.OptedOut ? "Opt-out Date" : "Subscribe Date";
            var from = request.FromDay?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "…";
            var to = request.ToDay?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "…";
            parts.Add($"{column} {from} – {to} ({Infrastructure.Time.LocalDays.Name(zone)} days)");
        }

        if (request.PendingOnly && tab == DashboardTab.Contacts)
        {
            parts.Add("Pending double opt-in only");
        }

        if (tab == DashboardTab.OptedOut && request.List is { } listId && lists.FirstOrDefault(l => l.Id == listId) is { } list)
        {
            parts.Add($"Opted out of the list {list.Name}");
        }

        return parts.Count == 0 ? null : string.Join(" · ", parts);
    }
}
