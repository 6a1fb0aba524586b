using CsvHelper;
using SmsContacts.Web.Infrastructure.Csv;

namespace SmsContacts.Web.Features.ListDashboard;

/// <summary>
/// The numbers behind each chart of the dashboard, as CSV (UTF-8 with a byte order mark, RFC 4180): one row per day
/// (yyyy-MM-dd, in the zone the page names) and one column per series, as the chart's table shows them; or one row per
/// list. Every text cell goes through <see cref="CsvFormulaGuard"/>: list names are typed by people.
/// </summary>
public static class ListDashboardCsv
{
    public static readonly IReadOnlySet<string> Charts = new HashSet<string>(StringComparer.Ordinal) { "subscribers", "new", "left", "lists" };

    public static async Task WriteAsync(Stream destination, string chart, ListDashboardModel model, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(destination, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
        if (chart == "lists")
        {
            csv.WriteHeader(["List Name", "Subscribers at start", "Subscribed now", "Pending double opt-in now", "New subscriptions", "Opt-outs", "Other removals", "Net change", "Opt-out rate"]);
            IEnumerable<ListReport> rows = model.Report.Chosen is { } chosen ? [chosen] : [.. model.Report.Lists, model.Report.Scope];
            foreach (var list in rows)
            {
                csv.WriteField(CsvFormulaGuard.Neutralize(list.Name));
                csv.WriteField(list.AtStart.OnList);
                csv.WriteField(list.Now.OnList);
                csv.WriteField(list.Now.Pending);
                csv.WriteField(list.Flows.TotalJoined);
                csv.WriteField(list.Flows.TotalOptedOut);
                csv.WriteField(list.Flows.TotalRemoved);
                csv.WriteField(list.NetChange);
                csv.WriteField(list.OptOutRate is { } rate ? rate.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) : "");
                await csv.EndRecordAsync(ct);
            }
        }
        else
        {
            var series = chart switch
            {
                "subscribers" => model.SubscriberSeries,
                "new" => model.NewSeries,
                _ => model.LeftSeries,
            };
            csv.WriteHeader(["Date", .. series.Select(s => CsvFormulaGuard.Neutralize(s.Name))]);
            for (var day = 0; day < model.Report.Days.Count; day++)
            {
                csv.WriteField(DashboardRange.Format(model.Report.Days[day]));
                foreach (var s in series)
                {
                    csv.WriteField(s.Values[day]);
                }

                await csv.EndRecordAsync(ct);
            }
        }

        await csv.FlushAsync(ct);
    }
}
