using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp;
using Microsoft.Data.Sqlite;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Persistence;

namespace SmsContacts.Bench;

/// <summary>
/// `import --rows N`: writes an N-row CSV (phone numbers in six formats and six profile fields: email, first
/// and last name, birthday, postal code and one custom field; 5% invalid numbers, 5% repeats of an earlier
/// number), imports it through the running app's wizard into an empty list (Add/Update), then imports a
/// second file with changed fields for the same numbers (Update existing contacts).
///
/// The floor is the same contacts, already normalised and de-duplicated, inserted into a fresh copy of the
/// app's schema (every index and trigger, the app's pragmas) by one reused prepared INSERT per table the import writes
/// (Contacts, Subscriptions, ConsentEvents, CustomFieldValues) in 50,000-row transactions: no parsing, no
/// validation, no upsert. All rates count the file's rows: rows_per_s = N / import seconds and
/// floor_rows_per_s = N / floor seconds, so ratio = floor seconds / import seconds.
/// Import seconds are the job's own (Started to Completed, as the status page records them); the time
/// from clicking Import to seeing it done, queue pick-up included, is printed beside them.
///
/// Each import is first previewed through the wizard's Preview step (step 3's Preview, then Import on the Preview page):
/// preview_s is the first file's preview (job seconds, as for the import) and preview_peak_rss_mb the app's peak resident
/// memory during it alone; the peak is reset after it, so peak_rss_mb is the peak from the first import on (the second
/// file's preview, which runs between the imports, included).
///
/// Then both imports are undone through the status page's Undo import, the newest first (its undo gives back the state
/// the first import left, so the first one's undo has every contact it created to remove): undo_s is the undo of the
/// first, measured import (job seconds, as for the import), undo_peak_rss_mb the app's peak resident memory during it
/// (the peak is reset before it, /proc/PID/clear_refs); peak_rss_mb stays the peak through the two imports.
///
/// While the first (million-row) import runs, a user works beside it: every ~200 ms one real write through the
/// app's own pages, in turn a Contact Details Update (profile fields), an Unsubscribe and a Ban of contacts that are
/// not in the file, each timed from request to answer; user_write_max_ms is the slowest.
/// </summary>
public static class ImportScenario
{
    private const int FloorTransactionRows = 50_000;
    private const string ListName = "Bench List";
    private const string CustomFieldName = "Favorite Store";

    private static readonly string[] FirstNames = ["Ava", "Ben", "Chloe", "Dan", "Ella", "Finn", "Grace", "Hugo", "Isla", "Jack", "Kira", "Liam", "Mia", "Noah", "Olive", "Paul"];
    private static readonly string[] LastNames = ["Smith", "Jones", "Garcia", "Miller", "Davis", "Lopez", "Wilson", "Moore", "Taylor", "Clark", "Lewis", "Walker"];
    private static readonly string[] Stores = ["Downtown", "Harbor", "Mall", "Airport", "Uptown", "Outlet"];
    private static readonly string[] AreaCodes = ["212", "646", "718", "917", "347", "415", "312", "617", "202", "305", "404", "512", "206", "303", "702", "213"];
    private static readonly string[] Invalid = ["123-4567", "(555) 01", "not a phone", "+1 (212) 000-0000", "00000", "call me"];

    /// <summary>Contacts a user edits, unsubscribes and bans during the import; their numbers are not in the file (area code 808).</summary>
    private const int UserContacts = 600;

    /// <summary>The first of the user's contacts that the writes during the import use; those before it serve the writes with no import.</summary>
    private const int QuietContacts = 100;

    private static readonly TimeSpan UserWriteEvery = TimeSpan.FromMilliseconds(200);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var rows = options.Rows;
        var work = BenchApp.NewDataDirectory();
        var appData = Path.Combine(work, "app");
        var floorData = Path.Combine(work, "floor");
        Directory.CreateDirectory(appData);
        Directory.CreateDirectory(floorData);

        var generating = Stopwatch.StartNew();
        var contacts = Generate(rows, out var plan);
        var firstFile = Path.Combine(work, "contacts.csv");
        var updateFile = Path.Combine(work, "contacts-update.csv");
        WriteFile(firstFile, contacts, plan, update: false);
        WriteFile(updateFile, contacts, plan, update: true);
        Console.WriteLine($"generated {rows:N0} rows ({contacts.Count:N0} contacts, {new FileInfo(firstFile).Length / 1024 / 1024} MB) in {generating.Elapsed.TotalSeconds:F1} s ({work})");

        var floorSeconds = await FloorAsync(floorData, contacts);
        Console.WriteLine($"floor     {floorSeconds,6:F1} s  {rows / floorSeconds,9:N0} rows/s  ({contacts.Count:N0} contacts inserted)");

        double importSeconds, updateSeconds, peakRss, undoSeconds, updateUndoSeconds, undoPeakRss, previewSeconds, previewPeakRss;
        var gridTimes = new List<double>();
        var userWrites = new List<double>();
        var quietWrites = new List<double>();
        await using (var app = await BenchApp.StartAsync(appData, [.. options.AppSettings ?? []]))
        {
            await SeedSenderCodeAsync(app.DatabasePath);
            await SeedUserContactsAsync(app.DatabasePath);

            // The same writes with no import running: what they cost on this machine now, to read the others against.
            using (var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(6)))
            {
                await UserWritesAsync(app, quietWrites, 1, quiet.Token);
            }

            var cpuBefore = app.CpuSeconds();
            var first = await ImportAsync(app, firstFile, "AddOrUpdate", gridTimes, userWrites, measurePreviewPeak: true);
            var cpuImport = app.CpuSeconds() - cpuBefore;
            importSeconds = first.JobSeconds;
            previewSeconds = first.PreviewSeconds;
            previewPeakRss = first.PreviewPeakRssMb;
            Console.WriteLine($"import    {first.JobSeconds,6:F1} s  {rows / first.JobSeconds,9:N0} rows/s  (click to done {first.WallSeconds:F1} s) {first.Counts}");
            cpuBefore = app.CpuSeconds();
            var update = await ImportAsync(app, updateFile, "UpdateExisting", null, null);
            Console.WriteLine($"app cpu: import {cpuImport:F1} s (with the user's writes beside it), update {app.CpuSeconds() - cpuBefore:F1} s");
            updateSeconds = update.JobSeconds;
            Console.WriteLine($"update    {update.JobSeconds,6:F1} s  {rows / update.JobSeconds,9:N0} rows/s  (click to done {update.WallSeconds:F1} s) {update.Counts}");
            peakRss = app.PeakRssMb();

            var updateUndo = await UndoAsync(app, update.ImportUrl);
            updateUndoSeconds = updateUndo.JobSeconds;
            Console.WriteLine($"undo update {updateUndo.JobSeconds,6:F1} s  {rows / updateUndo.JobSeconds,9:N0} rows/s  {updateUndo.Counts}");
            var undoStartRss = app.RssMb();
            var peakReset = app.ResetPeakRss();
            var undo = await UndoAsync(app, first.ImportUrl);
            undoSeconds = undo.JobSeconds;
            undoPeakRss = peakReset ? app.PeakRssMb() : double.NaN;
            Console.WriteLine($"undo      {undo.JobSeconds,6:F1} s  {rows / undo.JobSeconds,9:N0} rows/s  (click to done {undo.WallSeconds:F1} s) resident {undoStartRss:F0} MB before it, peak {undoPeakRss:F0} MB; {undo.Counts}");
        }

        if (gridTimes.Count > 0)
        {
            Console.WriteLine($"grid while importing: {gridTimes.Count} pages, median {Stats.F(Stats.Median(gridTimes))} ms, p90 {Stats.F(Stats.Percentile(gridTimes, 90))} ms, max {Stats.F(gridTimes.Max())} ms");
        }

        var userWriteMax = userWrites.Count == 0 ? 0 : userWrites.Max();
        if (quietWrites.Count > 0)
        {
            Console.WriteLine($"user writes with no import: {quietWrites.Count}, median {Stats.F(Stats.Median(quietWrites))} ms, max {Stats.F(quietWrites.Max())} ms");
        }

        if (userWrites.Count > 0)
        {
            Console.WriteLine($"user writes while importing: {userWrites.Count} (update, unsubscribe, ban in turn), median {Stats.F(Stats.Median(userWrites))} ms, p90 {Stats.F(Stats.Percentile(userWrites, 90))} ms, max {Stats.F(userWriteMax)} ms");
        }

        if (!options.Keep)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }

        var rate = rows / importSeconds;
        var floorRate = rows / floorSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT import rows_per_s={rate:F0} floor_rows_per_s={floorRate:F0} ratio={rate / floorRate:F2} update_rows_per_s={rows / updateSeconds:F0} peak_rss_mb={peakRss:F0} user_write_max_ms={userWriteMax:F0} undo_s={undoSeconds:F1} undo_peak_rss_mb={undoPeakRss:F0} update_undo_s={updateUndoSeconds:F1} preview_s={previewSeconds:F1} preview_peak_rss_mb={previewPeakRss:F0}"));
        return 0;
    }

    internal sealed record BenchContact(long Phone, string Email, string First, string Last, string Birthday, string Zip, string Store);

    /// <summary>The file's rows: for each, the contact it belongs to (-1 for an invalid number).</summary>
    internal static List<BenchContact> Generate(int rows, out int[] plan)
    {
        var random = new Random(20261127);
        var contacts = new List<BenchContact>();
        var taken = new HashSet<long>();
        plan = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var roll = random.NextDouble();
            if (roll < 0.05)
            {
                plan[i] = -1;
                continue;
            }

            if (roll < 0.10 && contacts.Count > 0)
            {
                // A repeat of an earlier number: the earlier row is the one counted as duplicate.
                plan[i] = random.Next(contacts.Count);
                continue;
            }

            long phone;
            do
            {
                var candidate = $"+1{AreaCodes[random.Next(AreaCodes.Length)]}{random.Next(200, 1000)}{random.Next(0, 10000):D4}";
                phone = PhoneNormalizer.Normalize(candidate, "US").E164 is { } e164 ? long.Parse(e164[1..], CultureInfo.InvariantCulture) : 0;
            }
            while (phone == 0 || !taken.Add(phone));

            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            contacts.Add(new BenchContact(
                phone,
                $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{contacts.Count}@example.com",
                first,
                last,
                new DateOnly(1950, 1, 1).AddDays(random.Next(0, 20_000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                random.Next(1001, 99950).ToString("D5", CultureInfo.InvariantCulture),
                Stores[random.Next(Stores.Length)]));
            plan[i] = contacts.Count - 1;
        }

        return contacts;
    }

    internal static void WriteFile(string path, List<BenchContact> contacts, int[] plan, bool update)
    {
        var random = new Random(update ? 2 : 1);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("Phone,Email,First Name,Last Name,Birthday,Zip,Favorite Store\n");
        foreach (var index in plan)
        {
            if (index < 0)
            {
                writer.Write($"{Invalid[random.Next(Invalid.Length)]},someone@example.com,Some,One,1990-01-01,10001,Mall\n");
                continue;
            }

            var c = contacts[index];
            var email = update ? c.Email.Replace("@example.com", "@example.org", StringComparison.Ordinal) : c.Email;
            var zip = update ? ((int.Parse(c.Zip, CultureInfo.InvariantCulture) + 1) % 99999).ToString("D5", CultureInfo.InvariantCulture) : c.Zip;
            writer.Write($"{Format(c.Phone, random.Next(6))},{email},{c.First},\"{c.Last}\",{c.Birthday},{zip},{c.Store}\n");
        }
    }

    private static string Format(long phone, int style)
    {
        var digits = phone.ToString(CultureInfo.InvariantCulture)[1..];
        var (area, exchange, line) = (digits[..3], digits[3..6], digits[6..]);
        return style switch
        {
            0 => $"+1 {area}-{exchange}-{line}",
            1 => $"({area}) {exchange}-{line}",
            2 => $"{area}.{exchange}.{line}",
            3 => digits,
            4 => $"1-{area}-{exchange}-{line}",
            _ => $"+1{digits}",
        };
    }

    /// <summary>The sender code, list and custom field both databases get (ids 1, 1, 1 in a fresh database).</summary>
    private static async Task SeedSenderCodeAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var now = DateTime.UtcNow;
        command.CommandText = """
            INSERT INTO SenderCodes (Code, Name, CountryCode, HelpText, CreatedUtc) VALUES ('55123', 'Bench', 'US', 'Bench help. Reply STOP to cancel.', @now);
            INSERT INTO Lists (SenderCodeId, Name, DoubleOptIn, WelcomeMessage, CreatedUtc) VALUES (1, @list, 0, NULL, @now);
            INSERT INTO CustomFields (SenderCodeId, Name, Type, CreatedUtc) VALUES (1, @field, 0, @now);
            """;
        command.Parameters.AddWithValue("@now", now);
        command.Parameters.AddWithValue("@list", ListName);
        command.Parameters.AddWithValue("@field", CustomFieldName);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Contacts 1..<see cref="UserContacts"/> of the user's work, each on the bench list; ids 1..N in the empty database.</summary>
    private static async Task SeedUserContactsAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var now = DateTime.UtcNow;
        var contact = Prepare(connection, "INSERT INTO Contacts (Id, SenderCodeId, Phone, PhoneDigitsReversed, FirstName, CreatedUtc, UpdatedUtc, Version) VALUES (@p0, 1, @p1, @p2, 'User', @p3, @p3, 1)", 4);
        var subscription = Prepare(connection, "INSERT INTO Subscriptions (Id, SenderCodeId, ContactId, ListId, Phone, Status, SubscribedUtc, Method, Keyword, MarketingConsent, CartAbandonmentConsent, ConfirmedUtc) VALUES (@p0, 1, @p0, 1, @p1, 0, @p2, 0, NULL, 1, 0, @p2)", 3);
        contact.Transaction = subscription.Transaction = transaction;
        for (var id = 1; id <= UserContacts; id++)
        {
            var phone = $"+1808555{id:D4}";
            Run(contact, (long)id, phone, SmsContacts.Web.Domain.ContactPhone.DigitsReversed(phone), now);
            Run(subscription, (long)id, phone, now);
        }

        await transaction.CommitAsync();
    }

    private static async Task<double> FloorAsync(string data, List<BenchContact> contacts)
    {
        // The app creates its schema (migrations) on start; the floor then writes into that schema with the app stopped.
        await (await BenchApp.StartAsync(data)).DisposeAsync();
        var database = Path.Combine(data, "smscontacts.db");
        await SeedSenderCodeAsync(database);

        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = SqlitePragmas.Statements;
            await pragmas.ExecuteNonQueryAsync();
        }

        var now = DateTime.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        var contact = Prepare(connection, "INSERT INTO Contacts (Id, SenderCodeId, Phone, PhoneDigitsReversed, Email, FirstName, LastName, Birthday, PostalCode, CreatedUtc, UpdatedUtc, Version) VALUES (@p0, 1, @p1, @p8, @p2, @p3, @p4, @p5, @p6, @p7, @p7, 1)", 9);
        var subscription = Prepare(connection, "INSERT INTO Subscriptions (SenderCodeId, ContactId, ListId, Phone, Status, SubscribedUtc, Method, Keyword, MarketingConsent, CartAbandonmentConsent, ConfirmedUtc) VALUES (1, @p0, 1, @p1, 0, @p2, 0, NULL, 1, 0, @p2)", 3);
        var consent = Prepare(connection, "INSERT INTO ConsentEvents (SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source, UserId, UserName, MessageSid, ImportId) VALUES (1, @p0, @p1, @p2, 'Subscribed', 1, @p3, 'Not subscribed', 'Subscribed', 1, 'bench-user', 'bench@example.com', NULL, @p4)", 5);
        var custom = Prepare(connection, "INSERT INTO CustomFieldValues (ContactId, FieldId, Value) VALUES (@p0, 1, @p1)", 2);
        var importId = Guid.NewGuid().ToString().ToUpperInvariant();
        SqliteTransaction? transaction = null;
        for (var i = 0; i < contacts.Count; i++)
        {
            if (i % FloorTransactionRows == 0)
            {
                transaction?.Commit();
                transaction = connection.BeginTransaction();
                contact.Transaction = subscription.Transaction = consent.Transaction = custom.Transaction = transaction;
            }

            var c = contacts[i];
            long id = i + 1;
            var phone = "+" + c.Phone.ToString(CultureInfo.InvariantCulture);
            Run(contact, id, phone, c.Email, c.First, c.Last, c.Birthday, c.Zip, now, SmsContacts.Web.Domain.ContactPhone.DigitsReversed(phone));
            Run(subscription, id, phone, now);
            Run(consent, id, phone, now, ListName, importId);
            Run(custom, id, c.Store);
        }

        transaction?.Commit();
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = $"@p{i}" });
        }

        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    /// <param name="PreviewSeconds">The job seconds of the Preview the import was started from.</param>
    /// <param name="PreviewPeakRssMb">The app's peak resident memory during that Preview.</param>
    internal sealed record ImportRun(double JobSeconds, double WallSeconds, string Counts, string ImportUrl = "", double PreviewSeconds = 0, double PreviewPeakRssMb = 0);

    /// <summary>Undo import on the import's status page (the admin's form), then its section polled until the undo is done.</summary>
    private static async Task<ImportRun> UndoAsync(BenchApp app, string importUrl)
    {
        var clicked = Stopwatch.StartNew();
        await SubmitAsync(app, importUrl, "#undo-form", []);
        while (true)
        {
            var section = (await Page(app, $"{importUrl}/undo")).QuerySelector("#import-undo")!;
            var status = section.GetAttribute("data-undo-status");
            if (status == "Failed")
            {
                throw new InvalidOperationException("The undo failed: " + section.QuerySelector("#import-undo-state")!.TextContent.Trim());
            }

            if (status == "Completed")
            {
                var counts = string.Join(" ", section.QuerySelectorAll("table tr").Select(tr => $"{tr.QuerySelector("th")!.TextContent.Trim()}={tr.QuerySelector("td")!.TextContent.Trim()}"));
                return new ImportRun(await JobSecondsAsync(app.DatabasePath, importUrl.Split('/')[^1], "ImportUndos", "ImportId"), clicked.Elapsed.TotalSeconds, counts, importUrl);
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The four wizard steps over HTTP (the Preview polled until it is done), then the status page polled until the import is done; with
    /// <paramref name="userWrites"/>, a user's writes timed beside it while it runs.
    /// </summary>
    internal static async Task<ImportRun> ImportAsync(BenchApp app, string file, string action, List<double>? gridTimes, List<double>? userWrites = null, bool measurePreviewPeak = false)
    {
        var uploadPage = await Page(app, "/imports/new");
        var token = uploadPage.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var uploading = Stopwatch.StartNew();
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var content = new StreamContent(File.OpenRead(file), 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", Path.GetFileName(file));
        var uploaded = await app.Http.PostAsync("/imports/upload", form);
        if (uploaded.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Upload answered {(int)uploaded.StatusCode}");
        }

        var importUrl = uploaded.Headers.Location!.OriginalString.Replace("/settings", "", StringComparison.Ordinal);
        Console.WriteLine($"uploaded {new FileInfo(file).Length / 1024 / 1024} MB in {uploading.Elapsed.TotalSeconds:F1} s");
        await SubmitAsync(app, $"{importUrl}/settings", "#settings-form", new()
        {
            ["Action"] = action,
            ["ListId"] = "1",
            ["FieldUpdateMode"] = "Update",
        });

        // Step 3's Preview, then the Preview step polled until it is done; with measurePreviewPeak its peak memory alone (the
        // peak is reset before it and after it, so the peak read after the import is the import's).
        var previewReset = measurePreviewPeak && app.ResetPeakRss();
        await SubmitAsync(app, $"{importUrl}/layout", "#layout-form", []);
        var preview = await WaitForPreviewAsync(app, importUrl);
        var previewPeakRss = previewReset ? app.PeakRssMb() : double.NaN;
        var peak = previewReset ? $"peak {previewPeakRss:F0} MB" : "peak not measured";
        Console.WriteLine($"preview   {preview.Seconds,6:F1} s  {peak}  {preview.Counts}");
        if (previewReset)
        {
            app.ResetPeakRss();
        }

        var clicked = Stopwatch.StartNew();
        await SubmitAsync(app, $"{importUrl}/preview", "#preview-import-form", []);
        using var stopUser = new CancellationTokenSource();
        var user = userWrites is null ? Task.CompletedTask : UserWritesAsync(app, userWrites, QuietContacts + 1, stopUser.Token);
        try
        {
            return await WaitForImportAsync(app, importUrl, clicked, gridTimes) with { PreviewSeconds = preview.Seconds, PreviewPeakRssMb = previewPeakRss };
        }
        finally
        {
            await stopUser.CancelAsync();
            await user;
        }
    }

    /// <summary>The Preview step polled until the preview is done: its job seconds (Started to Completed) and its counts.</summary>
    private static async Task<(double Seconds, string Counts)> WaitForPreviewAsync(BenchApp app, string importUrl)
    {
        while (true)
        {
            var page = await Page(app, $"{importUrl}/preview/progress");
            var status = page.QuerySelector("#import-preview")!.GetAttribute("data-status");
            if (status == "Failed")
            {
                throw new InvalidOperationException("The preview failed: " + page.QuerySelector("#preview-state")!.TextContent.Trim());
            }

            if (status == "Completed")
            {
                var counts = string.Join(" ", page.QuerySelectorAll("table.preview-counts td[data-count]").Select(td => $"{td.GetAttribute("data-count")}={td.TextContent.Trim()}"));
                return (await JobSecondsAsync(app.DatabasePath, importUrl.Split('/')[^1], "ImportPreviews", "ImportId"), counts);
            }

            await Task.Delay(100);
        }
    }

    private static async Task<ImportRun> WaitForImportAsync(BenchApp app, string importUrl, Stopwatch clicked, List<double>? gridTimes)
    {
        var nextGrid = TimeSpan.Zero;
        while (true)
        {
            var progress = await Page(app, $"{importUrl}/progress");
            var status = progress.QuerySelector("#import-progress")!.GetAttribute("data-status");
            if (status is "Completed" or "Failed")
            {
                var wall = clicked.Elapsed.TotalSeconds;
                if (status == "Failed")
                {
                    throw new InvalidOperationException("The import failed: " + progress.QuerySelector("#import-state")!.TextContent.Trim());
                }

                var counts = string.Join(" ", progress.QuerySelectorAll("table.import-counts tr").Select(tr => $"{tr.QuerySelector("th")!.TextContent.Trim()}={tr.QuerySelector("td")!.TextContent.Trim()}"));
                return new ImportRun(await JobSecondsAsync(app.DatabasePath, importUrl.Split('/')[^1]), wall, counts, importUrl);
            }

            if (gridTimes is not null && clicked.Elapsed >= nextGrid)
            {
                gridTimes.Add(await Stats.TimeMsAsync(async () => await (await app.Http.GetAsync("/contacts?page=3")).Content.ReadAsStringAsync()));
                nextGrid = clicked.Elapsed + TimeSpan.FromSeconds(1);
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Every ~200 ms until stopped, one user write, in turn: Contact Details Update (the form as its page shows it, first
    /// name changed), Unsubscribe (one subscription) and Ban, each on a contact of its own. Only the POST is timed: the page
    /// read before an Update is what a person has on screen already.
    /// </summary>
    private static async Task UserWritesAsync(BenchApp app, List<double> times, int firstContact, CancellationToken stop)
    {
        var token = (await Page(app, "/contacts")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var next = firstContact;
        var last = firstContact == 1 ? QuietContacts : UserContacts;
        for (var turn = 0; !stop.IsCancellationRequested && next <= last; turn++)
        {
            var started = Stopwatch.StartNew();
            var id = (next++).ToString(CultureInfo.InvariantCulture);
            HttpResponseMessage response;
            double ms;
            switch (turn % 3)
            {
                case 0:
                    var page = await Page(app, $"/contacts/{id}");
                    var values = FormValues(page.QuerySelector("form[aria-label='Profile fields']")!);
                    values.RemoveAll(v => v.Key == "FirstName");
                    values.Add(new("FirstName", $"Edited{turn}"));
                    started.Restart();
                    response = await app.Http.PostAsync($"/contacts/{id}/update", new FormUrlEncodedContent(values));
                    ms = started.Elapsed.TotalMilliseconds;
                    break;
                case 1:
                    response = await app.Http.PostAsync("/contacts/unsubscribe", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = token,
                        ["Subscription"] = id,
                    }));
                    ms = started.Elapsed.TotalMilliseconds;
                    break;
                default:
                    response = await app.Http.PostAsync("/contacts/ban", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = token,
                        ["Contact"] = id,
                    }));
                    ms = started.Elapsed.TotalMilliseconds;
                    break;
            }

            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"A user write answered {(int)response.StatusCode}");
            }

            lock (times)
            {
                times.Add(ms);
            }

            try
            {
                await Task.Delay(UserWriteEvery, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>A job's own seconds, Started to Completed, as its row records them (the import's, or its undo's).</summary>
    private static async Task<double> JobSecondsAsync(string database, string importId, string table = "Imports", string key = "Id")
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT StartedUtc, CompletedUtc FROM {table} WHERE {key} = @id";
        command.Parameters.AddWithValue("@id", importId.ToUpperInvariant());
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetDateTime(1) - reader.GetDateTime(0)).TotalSeconds;
    }

    private static async Task<AngleSharp.Dom.IDocument> Page(BenchApp app, string url)
    {
        var response = await app.Http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync();
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
    }

    /// <summary>Submits a form of the app like a browser: its own fields (hidden token, selected options) plus <paramref name="fields"/>.</summary>
    private static async Task SubmitAsync(BenchApp app, string url, string selector, Dictionary<string, string> fields)
    {
        var page = await Page(app, url);
        var form = page.QuerySelector(selector) ?? throw new InvalidOperationException($"No form {selector} on {url}");
        var values = FormValues(form);
        values.RemoveAll(v => fields.ContainsKey(v.Key));
        values.AddRange(fields);
        var response = await app.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>What a browser posts for <paramref name="form"/>: named inputs (checked boxes only) and selects, script not run.</summary>
    private static List<KeyValuePair<string, string>> FormValues(AngleSharp.Dom.IElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input, select, textarea"))
        {
            var name = element.GetAttribute("name");
            if (name is null || element.HasAttribute("disabled"))
            {
                continue;
            }

            switch (element)
            {
                case AngleSharp.Html.Dom.IHtmlInputElement input:
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                    {
                        continue;
                    }

                    values.Add(new(name, input.Value));
                    break;
                case AngleSharp.Html.Dom.IHtmlSelectElement select:
                    values.Add(new(name, select.Value ?? ""));
                    break;
                case AngleSharp.Html.Dom.IHtmlTextAreaElement area:
                    values.Add(new(name, area.Value));
                    break;
            }
        }

        return values;
    }
}
