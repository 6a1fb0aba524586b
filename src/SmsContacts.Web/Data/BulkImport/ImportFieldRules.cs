using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>
/// What "If the contact already exists" does to one profile field of an existing contact, as SQL over its current value
/// (<c>old</c>, NULL when it has none) and the file's cell (<c>value</c>, NULL when the cell is empty; a stored value is
/// never the empty string, since the reader turns blank cells into NULL):
/// - Update fields: a filled cell replaces the value; an empty cell leaves it.
/// - Append new fields: a filled cell fills a field that is empty; a field with a value keeps it.
/// - Overwrite fields: the cell replaces the value, and an empty cell clears it.
/// The field "differs" exactly when its new value is not its current one, so a row none of whose fields differ (and whose
/// subscription no box changes) is Unchanged and not written at all. The SQLite writer uses these expressions; the SQL
/// Server writer's (SqlServerSql) say the same in T-SQL, comparing text byte for byte as SQLite does.
/// </summary>
public static class ImportFieldRules
{
    /// <summary>The field's value after the import (SQLite).</summary>
    public static string SqliteNewValue(FieldUpdateMode mode, string old, string value) => mode switch
    {
        FieldUpdateMode.Update => $"COALESCE({value}, {old})",
        FieldUpdateMode.Append => $"CASE WHEN ({old} IS NULL OR {old} = '') AND {value} IS NOT NULL THEN {value} ELSE {old} END",
        _ => value,
    };

    /// <summary>True when <see cref="SqliteNewValue"/> is not the current value (SQLite; each operand appears once).</summary>
    public static string SqliteDiffers(FieldUpdateMode mode, string old, string value) => mode switch
    {
        FieldUpdateMode.Update => $"({value} IS NOT NULL AND {value} IS NOT {old})",
        FieldUpdateMode.Append => $"({value} IS NOT NULL AND COALESCE({old}, '') = '')",
        _ => $"({value} IS NOT {old})",
    };

    /// <summary>
    /// What the boxes change on a subscription the number already has, as a condition over the staged ListStatus,
    /// ListMarketing and ListCart columns (the same SQL in both writers); null when no box is ticked.
    /// </summary>
    public static string? ListChanges(ImportPlan plan)
    {
        var changes = new List<string>();
        if (plan.Settings.OverrideOptInStatus)
        {
            changes.Add($"ListStatus <> {(int)plan.Settings.SubscriptionStatus}");
        }

        if (plan.Settings.OverrideMarketingConsent)
        {
            changes.Add($"ListMarketing = 0 OR ListCart <> {(plan.Settings.CartAbandonmentConsent ? 1 : 0)}");
        }
        else if (plan.Settings.CartAbandonmentConsent)
        {
            changes.Add("ListCart = 0");
        }

        return changes.Count == 0 ? null : string.Join(" OR ", changes.Select(c => $"({c})"));
    }
}
