using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data;

/// <summary>An inbound text as the webhook stores it before anything else happens.</summary>
/// <param name="ReceivedUtc">When we received it (UTC): CreatedUtc, DeliveredUtc and ApplyPendingSinceUtc.</param>
public sealed record InboundTextRow(int SenderCodeId, string Phone, string Body, string MessageSid, string? OptOutType, DateTime ReceivedUtc);

/// <param name="Id">The new row's Id.</param>
/// <param name="EarlierWaiting">
/// Whether an earlier text of the same number was still waiting to be applied when this one was stored; null
/// when the statement cannot tell (SQL Server), and the caller must look.
/// </param>
public sealed record StoredInboundText(long Id, bool? EarlierWaiting);

/// <summary>
/// Stores an inbound text in one INSERT of its own (autocommit: its own short transaction), unless a text
/// with its MessageSid is stored already. Written by hand rather than through EF's change tracker because
/// every inbound text pays for it while it holds SQLite's one write lock (about a third of EF's cost). The row
/// is what <see cref="Message"/> maps to: Direction Inbound, Status Received, waiting to be applied.
/// SQLite's statement is here; SQL Server's is <see cref="SqlServerSql.InsertInboundText"/>.
/// </summary>
public static class InboundTextStore
{
    private static readonly string SqliteInsert = $"""
        INSERT INTO "Messages" ("SenderCodeId", "Phone", "Direction", "Body", "CreatedUtc", "DeliveredUtc", "Status", "ProviderMessageId", "OptOutType", "ApplyPendingSinceUtc", "IsOptOutConfirmation")
        VALUES (@senderCode, @phone, {(int)MessageDirection.Inbound}, @body, @received, @received, {(int)DeliveryStatus.Received}, @sid, @optOutType, @received, 0)
        ON CONFLICT ("ProviderMessageId") DO NOTHING
        RETURNING "Id", EXISTS (
            SELECT 1 FROM "Messages" AS "e"
            WHERE "e"."SenderCodeId" = "Messages"."SenderCodeId" AND "e"."Phone" = "Messages"."Phone"
              AND "e"."ApplyPendingSinceUtc" IS NOT NULL AND "e"."Id" < "Messages"."Id");
        """;

    /// <summary>
    /// Inserts the text on the context's open connection; returns the new row, or null when its MessageSid was
    /// stored already (a replay). Must not run inside a transaction of the context. On SQLite the same statement
    /// says whether an earlier text of the number still waits (writers are serialised, so no earlier Id can be
    /// committed after it), which spares the usual case a query.
    /// </summary>
    /// <exception cref="DbException">The database refused it (busy, unique race on SQL Server): try again.</exception>
    public static async Task<StoredInboundText?> InsertAsync(AppDbContext db, InboundTextRow row, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = db.Database.IsSqlite() ? SqliteInsert : SqlServerSql.InsertInboundText;
        Add(command, "@senderCode", DbType.Int32, row.SenderCodeId);
        Add(command, "@phone", DbType.String, row.Phone);
        Add(command, "@body", DbType.String, row.Body);
        Add(command, "@sid", DbType.String, row.MessageSid);
        Add(command, "@optOutType", DbType.String, row.OptOutType);
        Add(command, "@received", DbType.DateTime2, row.ReceivedUtc);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new StoredInboundText(reader.GetInt64(0), reader.FieldCount > 1 ? reader.GetInt64(1) != 0 : null);
    }

    private static void Add(DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
