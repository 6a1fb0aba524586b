using Microsoft.AspNetCore.Mvc;
using SmsContacts.Web.Data;
using SmsContacts.Web.Infrastructure.Time;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.ListDashboard;

/// <summary>Contacts > SMS List Dashboard: list health over a range of days, for the sender code picked in the navigation.</summary>
[Route(Path)]
public sealed class ListDashboardController(ListHealth health, ContactRepository contacts, DateDisplay dates, TimeProvider clock) : Controller
{
    public const string Path = "/contacts/list-dashboard";

    [HttpGet("")]
    public async Task<IActionResult> Index(SenderCodeOption senderCode, [FromQuery] ListDashboardRequest request, CancellationToken ct) =>
        View(await LoadAsync(senderCode, request, ct));

    /// <summary>One chart's numbers (or the table of lists) as CSV: <c>subscribers</c>, <c>new</c>, <c>left</c> or <c>lists</c>.</summary>
    [HttpGet("{chart}.csv")]
    public async Task<IActionResult> Csv(SenderCodeOption senderCode, string chart, [FromQuery] ListDashboardRequest request, CancellationToken ct)
    {
        if (!ListDashboardCsv.Charts.Contains(chart))
        {
            return NotFound();
        }

        var model = await LoadAsync(senderCode, request, ct);
        var name = $"sms-list-dashboard-{chart}-{DashboardRange.Format(model.Range.First)}-{DashboardRange.Format(model.Range.Last)}.csv";
        using var buffer = new MemoryStream();
        await ListDashboardCsv.WriteAsync(buffer, chart, model, ct);
        Response.Headers.CacheControl = "no-store";
        return File(buffer.ToArray(), "text/csv; charset=utf-8", name);
    }

    private async Task<ListDashboardModel> LoadAsync(SenderCodeOption senderCode, ListDashboardRequest request, CancellationToken ct)
    {
        // Days are the days of the zone the user reads dates in; the grid behind every link counts the same days.
        var zone = dates.Zone;
        var now = clock.GetUtcNow().UtcDateTime;
        var range = DashboardRange.From(request, LocalDays.DayOf(now, zone));
        var report = await health.ReadAsync(senderCode.Id, request.List, range.First, range.Last, range.PeriodDays, zone, now, ct);
        string? listNote = null;
        if (request.List is not null && report.Chosen is null)
        {
            // A list of another sender code, deleted since, or a stale link: say so rather than show nothing or leak.
            listNote = "That list is not one of this sender code's lists (it may have been deleted); showing All Lists.";
        }

        var other = await contacts.GetOtherContactsAsync(senderCode.Id, new GridQuery(PageSize: 1), ct);

        // What the grid shows at each link now, from the kept counts (Data/GridDateCounts): the cost of a day, not of its rows.
        var (from, to) = (report.Boundaries[0], report.Boundaries[^1]);
        var lists = report.Chosen is { } chosen ? [chosen] : report.Lists;
        var subscribed = await contacts.CountSubscribedWithinAsync(senderCode.Id, from, to, ct);
        var newStill = lists.ToDictionary(l => l.ListId, l => subscribed.GetValueOrDefault(l.ListId));

        // All Lists is the lists added up: a subscription is on one list, and a deleted list's rows are gone with it.
        newStill[0] = report.Lists.Sum(l => subscribed.GetValueOrDefault(l.ListId));
        var optedOut = await contacts.CountOptedOutWithinAsync(senderCode.Id, from, to, ct);
        var stillOut = lists.Select(l => l.ListId).Append(0).ToDictionary(id => id, id => optedOut.Where(o => o.Key.ListId == id).Sum(o => o.Value));
        var scopeList = report.Chosen?.ListId ?? 0;
        var byReason = Enum.GetValues<Domain.OptOutReason>().ToDictionary(r => r, r => optedOut.GetValueOrDefault((scopeList, r)));

        return new ListDashboardModel
        {
            SenderCode = senderCode,
            Range = range,
            Report = report,
            OtherContacts = other.Total,
            ListNote = listNote,
            Grid = new GridCounts(newStill, stillOut, byReason),
        };
    }
}
