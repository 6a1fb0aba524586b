using CsvHelper;
using SmsContacts.Web.Infrastructure.Csv;

namespace SmsContacts.Web.Features.ListDashboard;

/// <summary>
/// The numbers behind each chart of the dashboard, as CSV (UTF-8 with a byte order mark, RFC 4180): one row per day
/// (Date, yyyy-MM-dd, in the zone the page names) or per week of a long range (From and To, its first and last day), and
/// one column per series, as the chart's table shows them; or one row per list. Every text cell goes through <see cref="CsvFormulaGuard"/>: list names are typed by people.
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
            var daily = model.Daily;
            string[] dates = daily ? ["Date"] : ["From", "To"];
            csv.WriteHeader([.. dates, .. series.Select(s => CsvFormulaGuard.Neutralize(s.Name))]);
            for (var p = 0; p < model.Report.Periods.Count; p++)
            {
                var period = model.Report.Periods[p];
                csv.WriteField(DashboardRange.Format(period.First));
                if (!daily)
                {
                    csv.WriteField(DashboardRange.Format(period.Last));
                }

                foreach (var s in series)
                {
                    csv.WriteField(s.Values[p]);
                }

                await csv.EndRecordAsync(ct);
            }
        }

        await csv.FlushAsync(ct);
    }
}
