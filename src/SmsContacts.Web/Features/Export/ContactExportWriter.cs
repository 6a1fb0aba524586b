using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Csv;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.Export;

/// <summary>
/// Writes an export's CSV: the seed's columns in the seed's order, one row per subscription (Contacts)
/// or per contact (Opted-Out), then one column per custom profile field.
///
/// It streams. The rows come off the same filtered query the grid pages through, in contact order;
/// the custom field values come off a second reader in the same order and are merged in as the rows
/// pass, so memory stays flat whether the export has ten rows or a million. EF builds both queries
/// (so the filters are the grid's) and <see cref="ExportRowReader"/> hands each cell over as UTF-8,
/// which goes into the file without becoming a .NET string or a DateTime on the way. Reads are
/// synchronous on purpose: this runs on a background job's own thread.
/// </summary>
public sealed class ContactExportWriter(ContactRepository contacts, AppDbContext db, IServiceScopeFactory scopes)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "Phone Number", "List Name", "Last Send Date", "Last Click Date", "Subscribe Date", "Subscribe Method",
        "Email Address", "First Name", "Last Name", "Postal Code", "Birthday", "Compliance Last Sent Date", "Keyword",
        "Status",
    ];

    /// <summary>Added after Keyword, before the custom fields, in an opted-out export.</summary>
    public static readonly IReadOnlyList<string> OptedOutColumns = ["Opt-out Date", "Reason"];

    /// <summary>ISO 8601, UTC, to the second: what spreadsheets and our import both read.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public const string DateFormat = "yyyy-MM-dd";

    private const int CancellationCheckInterval = 10_000;

    /// <summary>Custom field values handed from their reader thread to the writer at a time.</summary>
    private const int ValueChunkSize = 4096;

    private static readonly Dictionary<long, byte[]> MethodNames =
        Enum.GetValues<SubscribeMethod>().ToDictionary(m => (long)m, m => Encoding.UTF8.GetBytes(m.DisplayName()));

    /// <summary>The Status column: a subscription's state on its list (Subscribed, or Pending while a double opt-in waits for Y).</summary>
    private static readonly Dictionary<long, byte[]> StatusNames =
        Enum.GetValues<SubscriptionStatus>().ToDictionary(s => (long)s, s => Encoding.UTF8.GetBytes(ConsentStates.Of(s)));

    private static readonly byte[] OptedOutStatus = Encoding.UTF8.GetBytes(ConsentStates.OptedOutAnyReason);

    private static readonly Dictionary<long, byte[]> ReasonNames =
        Enum.GetValues<OptOutReason>().ToDictionary(r => (long)r, r => Encoding.UTF8.GetBytes(r.DisplayName()));

    /// <param name="progress">Told the rows written so far, every few thousand rows (the export's heartbeat shows it).</param>
    /// <returns>The number of data rows written.</returns>
    public async Task<int> WriteAsync(ExportRecord export, Stream destination, CancellationToken ct, ExportProgress? progress = null)
    {
        var fields = db.CustomFields.AsNoTracking()
            .Where(f => f.SenderCodeId == export.SenderCodeId)
            .OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.Name })
            .ToList();
        var lists = db.Lists.AsNoTracking().Where(l => l.SenderCodeId == export.SenderCodeId)
            .ToDictionary(l => (long)l.Id, l => Encoding.UTF8.GetBytes(CsvFormulaGuard.Neutralize(l.Name)));
        var optedOut = export.Kind == ExportKind.OptedOut;

        // Excel needs the byte order mark to read UTF-8 names correctly; our import accepts it.
        using var csv = CsvWriter.Create(destination, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
        // Custom field names are typed by admins: the header row is guarded like every other cell.
        csv.WriteHeader(Columns.Concat(optedOut ? OptedOutColumns : []).Concat(fields.Select(f => f.Name)).Select(CsvFormulaGuard.Neutralize).ToArray());

        // The values come through a second context: one context (and its connection) runs one query at a time.
        using var valuesScope = scopes.CreateScope();
        var valuesDb = valuesScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var fieldIds = fields.Select(f => f.Id).ToList();

        // NoIndex for the reason given at ContactRepository.NoIndex: walk the primary key in order, not the FieldId index.
        var values = valuesDb.CustomFieldValues
            .Where(v => fieldIds.Contains(v.FieldId + ContactRepository.NoIndex))
            .OrderBy(v => v.ContactId).ThenBy(v => v.FieldId)
            .Select(v => new { v.ContactId, v.FieldId, v.Value });
        using var custom = new CustomValueCursor(fieldIds.Count == 0 ? null : () => ExportRowReader.Open(valuesDb, values), fieldIds);

        IQueryable rows = optedOut
            ? (await contacts.OptedOutInContactOrderAsync(export.SenderCodeId, export.Reason, export.PhoneSearch, ct)).Select(c => new
            {
                ContactId = c.Id,
                c.Phone,
                c.Email,
                c.FirstName,
                c.LastName,
                c.PostalCode,
                c.Birthday,
                c.LastSendUtc,
                c.LastClickUtc,
                c.ComplianceLastSentUtc,
                c.OptedOutUtc,
                c.OptOutReason,
            })
            : (await contacts.SubscribedInContactOrderAsync(export.SenderCodeId, export.ListId, export.PhoneSearch, ct)).Select(s => new
            {
                s.ContactId,
                s.Phone,
                s.ListId,
                s.Status,
                s.SubscribedUtc,
                s.Method,
                s.Keyword,
                s.Contact!.Email,
                s.Contact.FirstName,
                s.Contact.LastName,
                s.Contact.PostalCode,
                s.Contact.Birthday,
                s.Contact.LastSendUtc,
                s.Contact.LastClickUtc,
                s.Contact.ComplianceLastSentUtc,
            });

        using var reader = ExportRowReader.Open(db, rows);
        var count = new RowWriter(csv, reader, optedOut, lists, custom, progress).WriteAll(ct);
        csv.Flush();
        return count;
    }

    /// <summary>One pass over the rows; the column positions are looked up once.</summary>
    private sealed class RowWriter(CsvWriter csv, ExportRowReader reader, bool optedOut, Dictionary<long, byte[]> lists, CustomValueCursor custom, ExportProgress? progress)
    {
        private readonly byte[] _guarded = new byte[1024];

        public int WriteAll(CancellationToken ct)
        {
            var (contactId, phone, email, first, last, postal, birthday, lastSend, lastClick, compliance) = (
                reader.Ordinal("ContactId"), reader.Ordinal("Phone"), reader.Ordinal("Email"), reader.Ordinal("FirstName"), reader.Ordinal("LastName"),
                reader.Ordinal("PostalCode"), reader.Ordinal("Birthday"), reader.Ordinal("LastSendUtc"), reader.Ordinal("LastClickUtc"), reader.Ordinal("ComplianceLastSentUtc"));
            var (listId, subscribed, method, keyword, status) = optedOut
                ? (-1, -1, -1, -1, -1)
                : (reader.Ordinal("ListId"), reader.Ordinal("SubscribedUtc"), reader.Ordinal("Method"), reader.Ordinal("Keyword"), reader.Ordinal("Status"));
            var (optedOutAt, reason) = optedOut ? (reader.Ordinal("OptedOutUtc"), reader.Ordinal("OptOutReason")) : (-1, -1);

            var count = 0;
            while (reader.Read())
            {
                Text(phone);
                Name(lists, listId);
                Timestamp(lastSend);
                Timestamp(lastClick);
                Timestamp(subscribed);
                Name(MethodNames, method);
                Text(email);
                Text(first);
                Text(last);
                Text(postal);
                Text(birthday);
                Timestamp(compliance);
                Text(keyword);
                if (optedOut)
                {
                    csv.WriteField(OptedOutStatus);
                    Timestamp(optedOutAt);
                    Name(ReasonNames, reason);
                }
                else
                {
                    Name(StatusNames, status);
                }

                foreach (var value in custom.ValuesOf(reader.Int64(contactId)))
                {
                    Guarded(value.Span);
                }

                csv.EndRecord();
                if (++count % CancellationCheckInterval == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report(count);
                }
            }

            return count;
        }

        // NULL and "" both make an empty cell, so a cell is not asked whether it is NULL: at a million
        // rows every call into the database counts.
        private void Text(int column) => Guarded(column < 0 ? [] : reader.Utf8(column));

        private void Guarded(ReadOnlySpan<byte> utf8)
        {
            if (!CsvFormulaGuard.NeedsGuard(utf8))
            {
                csv.WriteField(utf8);
                return;
            }

            var needed = CsvFormulaGuard.MaxGuardedLength(utf8.Length);
            var buffer = needed <= _guarded.Length ? _guarded : new byte[needed];
            csv.WriteField(buffer.AsSpan(0, CsvFormulaGuard.Neutralize(utf8, buffer)));
        }

        private void Name(Dictionary<long, byte[]> names, int column) =>
            csv.WriteField(column < 0 ? [] : names.GetValueOrDefault(reader.Int64(column), []));

        /// <summary>
        /// A UTC timestamp as ISO 8601. SQLite keeps timestamps as text ("2026-03-01 08:30:00.1234567"),
        /// which only needs its separator changed and its fraction dropped; other providers hand over a DateTime.
        /// </summary>
        private void Timestamp(int column)
        {
            if (column < 0)
            {
                csv.WriteField(ReadOnlySpan<byte>.Empty);
                return;
            }

            Span<byte> iso = stackalloc byte[20];
            if (reader.TryGetDateTime(column, out var value))
            {
                Format(value, iso);
            }
            else
            {
                var text = reader.Utf8(column);
                if (text.IsEmpty)
                {
                    csv.WriteField(ReadOnlySpan<byte>.Empty);
                    return;
                }

                if (text.Length >= 19 && text[4] == '-' && text[10] == ' ' && text[13] == ':')
                {
                    text[..19].CopyTo(iso);
                    iso[10] = (byte)'T';
                    iso[19] = (byte)'Z';
                }
                else
                {
                    Format(DateTime.Parse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), iso);
                }
            }

            csv.WriteField(iso);
        }

        private static void Format(DateTime utc, Span<byte> destination) =>
            utc.TryFormat(destination, out _, TimestampFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Walks the custom field values (ordered by contact, then field) alongside the rows (ordered by
    /// contact): a merge join, so no contact's values are looked up one by one or held for long.
    /// The values are read on a thread of their own, a few thousand at a time, a few chunks ahead of
    /// the rows (bounded, so memory stays flat): the export then uses a second core for about a fifth
    /// of its work. Each field's current value is copied into a buffer of its own, reused from contact to contact.
    /// </summary>
    private sealed class CustomValueCursor : IDisposable
    {
        private const int ChunksAhead = 4;

        private readonly Channel<ValueChunk> _full = Channel.CreateBounded<ValueChunk>(new BoundedChannelOptions(ChunksAhead) { SingleReader = true, SingleWriter = true });
        private readonly ConcurrentQueue<ValueChunk> _spare = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task? _reading;
        private readonly Dictionary<long, int> _slotOfField;
        private readonly byte[][] _buffers;
        private readonly ReadOnlyMemory<byte>[] _current;
        private ValueChunk? _chunk;
        private int _next;
        private bool _done;
        private long _currentContact = -1;

        public CustomValueCursor(Func<ExportRowReader>? open, IReadOnlyList<int> fieldIds)
        {
            _slotOfField = fieldIds.Select((id, slot) => (id, slot)).ToDictionary(x => (long)x.id, x => x.slot);
            _buffers = fieldIds.Select(_ => new byte[64]).ToArray();
            _current = new ReadOnlyMemory<byte>[fieldIds.Count];
            _done = open is null;
            if (open is not null)
            {
                _reading = Task.Factory.StartNew(() => Read(open), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
        }

        /// <summary>The values of one contact, in column order (empty when it has none). Contacts must come in ascending order.</summary>
        public ReadOnlyMemory<byte>[] ValuesOf(long contactId)
        {
            if (contactId == _currentContact)
            {
                return _current;
            }

            Array.Fill(_current, ReadOnlyMemory<byte>.Empty);
            _currentContact = contactId;
            while (Peek() is { } chunk && chunk.Contacts[_next] <= contactId)
            {
                if (chunk.Contacts[_next] == contactId && _slotOfField.TryGetValue(chunk.Fields[_next], out var slot))
                {
                    var value = chunk.Value(_next);
                    if (_buffers[slot].Length < value.Length)
                    {
                        _buffers[slot] = new byte[value.Length * 2];
                    }

                    value.CopyTo(_buffers[slot]);
                    _current[slot] = _buffers[slot].AsMemory(0, value.Length);
                }

                _next++;
            }

            return _current;
        }

        public void Dispose()
        {
            _stop.Cancel();
            try
            {
                _reading?.Wait();
            }
            catch (AggregateException)
            {
                // Stopped early (the export failed or was cancelled); that error is already on its way.
            }

            _stop.Dispose();
        }

        /// <summary>The chunk holding the next value, waiting for the reader thread when it is behind; null at the end.</summary>
        private ValueChunk? Peek()
        {
            while (!_done && (_chunk is null || _next == _chunk.Count))
            {
                if (_chunk is not null)
                {
                    _spare.Enqueue(_chunk);
                    _chunk = null;
                }

                // A failure of the reader thread surfaces here, in the export.
                if (_full.Reader.TryRead(out var chunk) || (_full.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult() && _full.Reader.TryRead(out chunk)))
                {
                    (_chunk, _next) = (chunk, 0);
                }
                else
                {
                    _done = true;
                }
            }

            return _done ? null : _chunk;
        }

        private void Read(Func<ExportRowReader> open)
        {
            try
            {
                using var values = open();
                var chunk = Spare();
                while (values.Read())
                {
                    chunk.Add(values.Int64(0), values.Int64(1), values.Utf8(2));
                    if (chunk.Count == ValueChunkSize)
                    {
                        Hand(chunk);
                        chunk = Spare();
                    }
                }

                if (chunk.Count > 0)
                {
                    Hand(chunk);
                }

                _full.Writer.Complete();
            }
            catch (Exception exception)
            {
                _full.Writer.TryComplete(exception);
            }
        }

        private void Hand(ValueChunk chunk) => _full.Writer.WriteAsync(chunk, _stop.Token).AsTask().GetAwaiter().GetResult();

        private ValueChunk Spare()
        {
            if (_spare.TryDequeue(out var chunk))
            {
                chunk.Clear();
                return chunk;
            }

            return new ValueChunk();
        }
    }

    /// <summary>A few thousand values, their bytes packed in one reusable array.</summary>
    private sealed class ValueChunk
    {
        private readonly int[] _starts = new int[ValueChunkSize];
        private readonly int[] _lengths = new int[ValueChunkSize];
        private byte[] _data = new byte[ValueChunkSize * 16];
        private int _used;

        public long[] Contacts { get; } = new long[ValueChunkSize];

        public long[] Fields { get; } = new long[ValueChunkSize];

        public int Count { get; private set; }

        public void Add(long contactId, long fieldId, ReadOnlySpan<byte> value)
        {
            if (_used + value.Length > _data.Length)
            {
                Array.Resize(ref _data, Math.Max(_data.Length * 2, _used + value.Length));
            }

            value.CopyTo(_data.AsSpan(_used));
            (Contacts[Count], Fields[Count], _starts[Count], _lengths[Count]) = (contactId, fieldId, _used, value.Length);
            _used += value.Length;
            Count++;
        }

        public ReadOnlySpan<byte> Value(int index) => _data.AsSpan(_starts[index], _lengths[index]);

        public void Clear() => (Count, _used) = (0, 0);
    }
}
