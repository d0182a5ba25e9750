# Sourced by security/inner.sh: the account pages (password, two-factor,
# own API tokens) and the sign-in's second step. Each is posted by a
# throwaway security user of its own (p.scan), never by the user the other
# targets scan as: a password change ends the user's other sessions, the
# two-factor forms replace recovery codes, the token form revokes tokens.
# Posted to `.data` addresses, as in plan-gates.sh: each new token adds a
# row to its page.
session_of() { echo "$(prep p.cookieName)=$(prep "p.scan.$1.session")"; }

step "sqlmap account forms (throwaway users, with CSRF token)"
# The new password is the current one, so that every request is accepted
# alike and the next one still knows the current password.
owner_password=$(prep p.scan.passwordOwner.password)
sqlmap_target account-password -u "$APP/account.data" --cookie "$(session_of passwordOwner)" --skip=csrf \
  --data "csrf=$(prep p.scan.passwordOwner.csrf)&current=$owner_password&password=$owner_password&confirm=$owner_password"

ACCOUNT_COOKIE=$(session_of account)
ACCOUNT_CSRF=$(prep p.scan.account.csrf)
account_password=$(prep p.scan.account.password)
sqlmap_target account-two-factor-enable -u "$APP/account/two-factor.data" --cookie "$ACCOUNT_COOKIE" --skip=csrf \
  --data "csrf=$ACCOUNT_CSRF&intent=enable&code=123456"
sqlmap_target account-two-factor-codes -u "$APP/account/two-factor.data" --cookie "$ACCOUNT_COOKIE" --skip=csrf \
  --data "csrf=$ACCOUNT_CSRF&intent=regenerate-codes&password=$account_password"
sqlmap_target account-two-factor-disable -u "$APP/account/two-factor.data" --cookie "$ACCOUNT_COOKIE" --skip=csrf \
  --data "csrf=$ACCOUNT_CSRF&intent=disable&password=$account_password"
sqlmap_target account-token-create -u "$APP/account/tokens.data" --cookie "$ACCOUNT_COOKIE" --skip=csrf \
  --data "csrf=$ACCOUNT_CSRF&intent=create&name=CI+pipeline&scopes=findings%3Aread&expiresOn=$(date -u -d '+30 days' +%F)"
# sqlmap leaves out a field named like a token (tokenId) unless told.
sqlmap_target account-token-revoke -u "$APP/account/tokens.data" --cookie "$ACCOUNT_COOKIE" \
  -p "intent,tokenId,$(prep p.cookieName)" \
  --data "csrf=$ACCOUNT_CSRF&intent=revoke&tokenId=$(prep p.scan.account.tokenId)"

step "sqlmap sign-in second step (half-signed-in session)"
# A user with two-factor on, signed in with the password only. Each wrong
# code counts as a failed sign-in; inner.sh raises the limits for the run.
PENDING_COOKIE="$(prep p.cookieName)=$(prep p.scan.secondFactor.pendingSession)"
sqlmap_target login-two-factor -u "$APP/login/two-factor.data" --cookie "$PENDING_COOKIE" --skip=csrf \
  --data "csrf=$(prep p.scan.secondFactor.pendingCsrf)&code=123456&redirectTo=%2Fassessments"
sqlmap_target login-two-factor-query -u "$APP/login/two-factor?redirectTo=%2Fassessments" --cookie "$PENDING_COOKIE"
