using System.Data.Common;
using System.Globalization;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>
/// The words of a preview example (<see cref="ImportSql.PreviewExamples"/>): what the import would do to the row. A field is
/// listed when the provider's own rule says the import changes it (d{i}); its new value is then always the file's cell (an
/// empty cell only changes a field under Overwrite, which clears it), so "before → after" is the value now → the cell.
/// The boxes' changes to a subscription already on the list are worded from its staged ListStatus, ListMarketing and ListCart,
/// on the conditions of <see cref="ImportFieldRules.ListChanges"/>.
/// </summary>
public static class ImportPreviewDetails
{
    public const string Empty = "(empty)";

    /// <summary>Describes the example row under <paramref name="reader"/>; <paramref name="fields"/>: mapped fields it has columns for.</summary>
    public static string Describe(ImportPlan plan, ImportPreviewOutcome outcome, DbDataReader reader, int fields)
    {
        var changes = new List<string>();
        for (var i = 0; i < fields; i++)
        {
            if (Convert.ToInt32(reader.GetValue(7 + (3 * i)), CultureInfo.InvariantCulture) == 1)
            {
                changes.Add($"{plan.Targets[i].Label}: {Show(reader.GetValue(8 + (3 * i)))} → {Show(reader.GetValue(9 + (3 * i)))}");
            }
        }

        switch (outcome)
        {
            case ImportPreviewOutcome.OptedIn:
                var status = plan.Settings.StoreAsDoubleOptIn ? "pending until the number replies Y" : "active";
                return Join($"Joins the list \"{plan.List?.Name}\" ({status})", changes);
            case ImportPreviewOutcome.Updated:
                changes.AddRange(ListChanges(plan, reader));
                return string.Join("; ", changes);
            case ImportPreviewOutcome.Unchanged:
                return "On the list already; nothing in the file differs, so nothing is written.";
            case ImportPreviewOutcome.OptedOut:
                return $"Opted out (was: {Show(reader.GetValue(6))}).";
            case ImportPreviewOutcome.IgnoredOptedOut:
                return "Opted out before: left opted out, nothing is written.";
            case ImportPreviewOutcome.IgnoredBanned:
                return "Banned: left banned, nothing is written.";
            default:
                return string.Join("; ", changes);
        }
    }

    /// <summary>A value as the preview shows it: "(empty)" for none, a date as yyyy-MM-dd.</summary>
    public static string Show(object? value) => value switch
    {
        null or DBNull => Empty,
        string { Length: 0 } => Empty,
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? Empty,
    };

    private static IEnumerable<string> ListChanges(ImportPlan plan, DbDataReader reader)
    {
        var settings = plan.Settings;
        static bool Flag(object value) => value is not DBNull && Convert.ToInt32(value, CultureInfo.InvariantCulture) == 1;
        static string YesNo(bool value) => value ? "yes" : "no";
        if (settings.OverrideOptInStatus && reader.GetValue(3) is not DBNull
            && (SubscriptionStatus)Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture) is var before && before != settings.SubscriptionStatus)
        {
            yield return $"Opt-in status: {before} → {settings.SubscriptionStatus}";
        }

        var marketing = Flag(reader.GetValue(4));
        var cart = Flag(reader.GetValue(5));
        if (settings.OverrideMarketingConsent && !marketing)
        {
            yield return "Marketing consent: no → yes";
        }

        if (settings.OverrideMarketingConsent ? cart != settings.CartAbandonmentConsent : settings.CartAbandonmentConsent && !cart)
        {
            yield return $"Cart abandonment consent: {YesNo(cart)} → {YesNo(settings.CartAbandonmentConsent)}";
        }
    }

    private static string Join(string first, List<string> changes) => changes.Count == 0 ? first + "." : $"{first}; {string.Join("; ", changes)}";
}
