# Sourced by security/inner.sh: the admin pages' forms, as the admin. The
# forms that act on a user (role, tokens) act on a throwaway engineer
# (p.scan.spare), never on a user the other targets scan as.
# Posted to `.data` addresses, as in plan-gates.sh.
ADMIN_COOKIE="$(prep p.cookieName)=$(prep p.admin.session)"
ADMIN_CSRF=$(prep p.admin.csrf)
SPARE_ID=$(prep p.scan.spare.id)

step "sqlmap admin forms (admin, with CSRF token)"
# The first request creates the user; the rest meet "already exists".
# `?index` sends the post to the users list rather than the admin layout.
sqlmap_target admin-create-user -u "$APP/admin.data?index" --cookie "$ADMIN_COOKIE" --skip=csrf,index \
  --data "csrf=$ADMIN_CSRF&name=Grace+Viewer&email=grace%40example.test&role=viewer&password="
# The role it already has, so the spare engineer stays one for the
# membership and sign-off forms. The other intents of this page (disable,
# enable, end sessions, reset two-factor) carry no field but the intent.
sqlmap_target admin-user-role -u "$APP/admin/users/$SPARE_ID.data" --cookie "$ADMIN_COOKIE" --skip=csrf \
  --data "csrf=$ADMIN_CSRF&intent=change-role&role=engineer"
sqlmap_target admin-user-path -u "$APP/admin/users/$SPARE_ID*" --cookie "$ADMIN_COOKIE"
# Two-factor required for admins: the admin has it on (scan-fixtures.ts),
# and no other role is touched.
sqlmap_target admin-settings -u "$APP/admin/settings.data" --cookie "$ADMIN_COOKIE" --skip=csrf \
  --data "csrf=$ADMIN_CSRF&requireTwoFactor=admin"
# sqlmap leaves out a field named like a token (tokenId) unless told.
sqlmap_target admin-token-revoke -u "$APP/admin/tokens.data" --cookie "$ADMIN_COOKIE" \
  -p "tokenId,$(prep p.cookieName)" \
  --data "csrf=$ADMIN_CSRF&tokenId=$(prep p.scan.spare.tokenId)"
