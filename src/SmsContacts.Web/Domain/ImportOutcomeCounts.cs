namespace SmsContacts.Web.Domain;

/// <summary>
/// What an import did, or its Preview would do, with the rows and lines of its file: the counts
/// <see cref="ImportRecord"/> and <see cref="ImportPreview"/> share, so the real import is compared with its preview.
/// Stored as columns of each one's own table, named as these properties (the bulk writers' SQL adds each batch's counts
/// to them by those names).
/// </summary>
public class ImportOutcomeCounts
{
    /// <summary>
    /// Records of the file read so far (the header line not included). Every one is counted once in exactly one of
    /// the outcomes below, so Processed always equals <see cref="AccountedFor"/>.
    /// </summary>
    public int Processed { get; set; }

    /// <summary>New subscriptions to the list: new contacts, and existing contacts that were not on it.</summary>
    public int OptedIn { get; set; }

    /// <summary>Of <see cref="OptedIn"/>: existing contacts whose profile fields the file also changed.</summary>
    public int OptedInWithFieldUpdates { get; set; }

    /// <summary>Contacts already on the list of which something changed: a profile field, or a box's opt-in status or consent.</summary>
    public int Updated { get; set; }

    /// <summary>Contacts already on the list of which nothing differed from the file: nothing was written.</summary>
    public int Unchanged { get; set; }

    /// <summary>Opt-out contacts: numbers opted out by this import.</summary>
    public int OptedOut { get; set; }

    public int IgnoredOptedOut { get; set; }

    public int IgnoredBanned { get; set; }

    /// <summary>Update existing contacts: numbers that are not a contact on the list, which that action never adds.</summary>
    public int Skipped { get; set; }

    /// <summary>Rows that cannot be imported (a bad number, a bad value), each reported with its line and reason.</summary>
    public int Rejected { get; set; }

    /// <summary>Rows whose number comes again later in the file: the last row wins, the earlier ones are reported.</summary>
    public int Duplicates { get; set; }

    /// <summary>
    /// Double opt-in: subscriptions this import left pending and asked to reply Y (a "Reply Y to confirm" text each).
    /// Always 0 in a preview, which queues no text.
    /// </summary>
    public int AwaitingConfirmation { get; set; }

    /// <summary>The sum of the outcomes, which must equal <see cref="Processed"/>.</summary>
    public int AccountedFor =>
        OptedIn + Updated + Unchanged + OptedOut + IgnoredOptedOut + IgnoredBanned + Skipped + Rejected + Duplicates;

    /// <summary>
    /// Lines of the whole file as its text splits into lines (CR, LF or CR LF; a last line without a line break counts),
    /// set when the import has read the file to its end; 0 before. Equals <see cref="LinesAccountedFor"/>.
    /// </summary>
    public int FileLines { get; set; }

    /// <summary>Lines of the file that are not rows: the header and Excel's <c>sep=</c> line.</summary>
    public int HeaderLines { get; set; }

    /// <summary>Empty lines, and lines whose every cell is empty; skipped, and counted so the file reconciles.</summary>
    public int BlankLines { get; set; }

    /// <summary>The second and later lines of records whose quoted values hold line breaks (an address on two lines).</summary>
    public int ContinuationLines { get; set; }

    /// <summary>Header, blank and continuation lines plus one line per record: equals <see cref="FileLines"/> once the file is read.</summary>
    public int LinesAccountedFor => HeaderLines + BlankLines + Processed + ContinuationLines;

    /// <summary>
    /// Rows imported with a warning (more or fewer cells than the header); each is in ImportWarningRows. A row the import
    /// skipped or ignored in the end is not one of them. Always 0 in a preview, which saves no warnings.
    /// </summary>
    public int WarningRows { get; set; }
}
