using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

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
