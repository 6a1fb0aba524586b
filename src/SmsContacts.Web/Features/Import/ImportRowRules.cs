using CsvHelper;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Csv;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// What makes a record of the file a row the import can write, in one place for both passes over the file: the duplicate
/// check (<see cref="PhonePass"/>) must know which rows the import will reject, so that a later row that is rejected (a
/// short row, a bad email, a bad date) never supersedes an earlier valid row of the same number: the last VALID row of a
/// number wins. A record is rejected, in this order, when it is a stray-quote line, when it lacks a cell of a mapped
/// column (<see cref="CheckShape"/>), when its phone cell is not a valid number, or when a mapped cell cannot be stored
/// (<see cref="ParseCells"/>).
/// </summary>
public sealed class ImportRowRules
{
    private readonly ImportPlan _plan;
    private readonly IReadOnlyList<string> _headers;
    private readonly int _expected;
    private readonly string _of;

    private ImportRowRules(ImportPlan plan, IReadOnlyList<string> headers, int expected)
    {
        _plan = plan;
        _headers = headers;
        _expected = expected;
        _of = headers.Count > 0 ? "the header has" : "the file's first line has";
    }

    /// <summary>
    /// The rules for the file <paramref name="records"/> reads. A row should have the header's cells, or without a header
    /// those of the layout the user mapped (at least the first line's).
    /// </summary>
    public static ImportRowRules For(ImportPlan plan, ImportCsv records) =>
        new(plan, records.Headers, records.Headers.Count > 0 ? records.Headers.Count : Math.Max(plan.LayoutColumns, records.FirstLineCells));

    /// <summary>
    /// The phone cell as the import reads it: trimmed, and with the apostrophe our exports put before a formula-like
    /// cell taken off; empty when the row has no such cell.
    /// </summary>
    public string PhoneText(ImportCsv records) =>
        _plan.PhoneColumn < records.Csv.FieldCount ? CsvFormulaGuard.Restore(records.GetString(_plan.PhoneColumn).Trim()) : "";

    /// <summary>
    /// Whether a row has the cells of the header: a missing mapped cell rejects the row (its value is not in the file);
    /// a missing unmapped cell, or extra cells with something in them, import the row with a warning, so nothing is
    /// cut off without a word. Extra cells that are all empty (a trailing delimiter) say nothing.
    /// </summary>
    /// <returns>Why the row is rejected, or null.</returns>
    public string? CheckShape(CsvReader csv, out string? warning)
    {
        warning = null;
        var cells = csv.FieldCount;
        if (cells == _expected)
        {
            return null;
        }

        if (cells < _expected)
        {
            var missing = new List<string>();
            if (_plan.PhoneColumn >= cells)
            {
                missing.Add(Name(_plan.PhoneColumn, "Phone Number"));
            }

            missing.AddRange(_plan.Columns.Where(c => c.Index >= cells).Select(c => Name(c.Index, c.Target.Label)));
            if (missing.Count > 0)
            {
                return Limit($"The row has {Cells(cells)} where {_of} {_expected}: no value for {string.Join(", ", missing)}.");
            }

            if (Enumerable.Range(cells, _expected - cells).All(i => i < _headers.Count && _headers[i].Trim().Length == 0))
            {
                return null;
            }

            warning = Limit($"The row has {Cells(cells)} where {_of} {_expected}; the missing {(_expected - cells == 1 ? "cell is not an imported column and was" : "cells are not imported columns and were")} read as empty.");
            return null;
        }

        for (var i = _expected; i < cells; i++)
        {
            if (!csv.IsEmpty(i))
            {
                warning = Limit($"The row has {Cells(cells)} where {_of} {_expected}: cells {_expected + 1} to {cells} are in no column and were not imported.");
                break;
            }
        }

        return null;
    }

    /// <summary>Parses every mapped cell into <paramref name="values"/> (one per mapped column, null for an empty cell).</summary>
    /// <returns>Why a cell cannot be stored, or null when every cell can.</returns>
    public string? ParseCells(CsvReader csv, string?[] values)
    {
        var columns = _plan.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            // Our own exports guard formula-like cells with an apostrophe; undo it so they come back as they left.
            var cell = CsvFormulaGuard.Restore(csv.GetString(columns[i].Index));
            if (!ProfileValueParser.TryParse(columns[i].Target, cell, _plan.Today, _plan.Settings.DateOrder, out values[i], out var error))
            {
                return error;
            }
        }

        return null;
    }

    private static string Cells(int count) => count == 1 ? "1 cell" : $"{count} cells";

    private string Name(int index, string field) =>
        index < _headers.Count && _headers[index].Trim().Length > 0 && !_headers[index].Trim().Equals(field, StringComparison.OrdinalIgnoreCase)
            ? $"{field} (column {index + 1}, \"{_headers[index].Trim()}\")"
            : $"{field} (column {index + 1})";

    private static string Limit(string text) => text.Length <= 200 ? text : text[..199] + "…";
}
