using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class ImportRecordConfiguration : IEntityTypeConfiguration<ImportRecord>
{
    public void Configure(EntityTypeBuilder<ImportRecord> builder)
    {
        builder.ToTable("Imports");
        builder.Property(i => i.UserId).HasMaxLength(450);
        builder.Property(i => i.UserName).HasMaxLength(256);
        builder.Property(i => i.OriginalFileName).HasMaxLength(260);
        builder.Property(i => i.StoredFileName).HasMaxLength(100);
        builder.Property(i => i.Encoding).HasMaxLength(20);
        builder.Property(i => i.ListName).HasMaxLength(100);
        builder.Property(i => i.Error).HasMaxLength(2000);
        builder.Property(i => i.DetectionNotes).HasMaxLength(2000);
        builder.Property(i => i.ConsentNote).HasMaxLength(ConsentNotes.MaxLength);

        // The column's name is older than the property's: it holds a row number (the bulk writers' SQL names the column).
        builder.Property(i => i.CheckpointRow).HasColumnName("CheckpointLine");
        builder.Ignore(i => i.AccountedFor);
        builder.Ignore(i => i.LinesAccountedFor);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(i => i.SenderCodeId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(i => new { i.SenderCodeId, i.CreatedUtc });
    }
}

internal sealed class ImportRejectedRowConfiguration : IEntityTypeConfiguration<ImportRejectedRow>
{
    public void Configure(EntityTypeBuilder<ImportRejectedRow> builder)
    {
        builder.Property(r => r.Phone).HasMaxLength(100);
        builder.Property(r => r.Reason).HasMaxLength(200);
        builder.Property(r => r.RawLine).HasMaxLength(4000);
        builder.HasOne<ImportRecord>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);

        // Unique so a batch replayed after a crash cannot report a row twice.
        builder.HasIndex(r => new { r.ImportId, r.LineNumber }).IsUnique();
    }
}

internal sealed class ImportWarningRowConfiguration : IEntityTypeConfiguration<ImportWarningRow>
{
    public void Configure(EntityTypeBuilder<ImportWarningRow> builder)
    {
        builder.Property(r => r.Phone).HasMaxLength(100);
        builder.Property(r => r.Message).HasMaxLength(200);
        builder.Property(r => r.RawLine).HasMaxLength(4000);
        builder.HasOne<ImportRecord>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);

        // Unique: a batch read again after a crash replaces its warnings, never adds them twice.
        builder.HasIndex(r => new { r.ImportId, r.LineNumber }).IsUnique();
    }
}

internal sealed class ExportRecordConfiguration : IEntityTypeConfiguration<ExportRecord>
{
    public void Configure(EntityTypeBuilder<ExportRecord> builder)
    {
        builder.ToTable("Exports");
        builder.Property(e => e.PhoneSearch).HasMaxLength(40);
        builder.Property(e => e.RequestedByUserId).HasMaxLength(450);
        builder.Property(e => e.RecipientUserId).HasMaxLength(450);
        builder.Property(e => e.RecipientEmail).HasMaxLength(256);
        builder.Property(e => e.TokenHash).HasMaxLength(32);
        builder.Property(e => e.StoredFileName).HasMaxLength(100);
        builder.Property(e => e.Error).HasMaxLength(2000);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(e => e.SenderCodeId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(e => e.TokenHash).IsUnique();
        builder.HasIndex(e => new { e.SenderCodeId, e.CreatedUtc });

        // Every instance looks for silent Running and Sending exports every few seconds.
        builder.HasIndex(e => e.Status);
    }
}

internal sealed class UserColumnPreferenceConfiguration : IEntityTypeConfiguration<UserColumnPreference>
{
    public void Configure(EntityTypeBuilder<UserColumnPreference> builder)
    {
        builder.HasKey(p => new { p.UserId, p.Grid });
        builder.Property(p => p.Grid).HasMaxLength(40);
        builder.Property(p => p.HiddenColumns).HasMaxLength(400);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.TimeZoneId).HasMaxLength(TimeZones.MaxIdLength);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(u => u.SelectedSenderCodeId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SiteSettingsConfiguration : IEntityTypeConfiguration<SiteSettings>
{
    public void Configure(EntityTypeBuilder<SiteSettings> builder)
    {
        builder.ToTable("SiteSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.DefaultTimeZoneId).HasMaxLength(TimeZones.MaxIdLength);
    }
}
