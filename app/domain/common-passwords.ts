/**
 * Passwords that appear at the top of public breach corpora, lower-cased.
 * Not exhaustive: it refuses the guesses an attacker tries first.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `password password1 password12 password123 password1234 12345678 123456789 1234567890
qwertyuiop qwerty123 iloveyou princess1 sunshine1 football1 baseball1 welcome1
welcome123 admin123 administrator letmein1 letmein123 trustno1 monkey123 dragon123
master123 superman1 batman123 starwars1 whatever1 changeme changeme123 passw0rd
p@ssw0rd p@ssword qwerty12 qwertyui 11111111 00000000 12341234 abcd1234
1q2w3e4r 1qaz2wsx zaq12wsx asdfghjkl asdfasdf zxcvbnm1 computer1 internet1
michael1 jennifer1 jordan23 liverpool1 chelsea1 arsenal1 football baseball
sunshine princess iloveyou1 11223344 87654321 123123123 qazwsxedc secret123
default1 guest123 test1234 testtest security1 clearance clearance1 summer2024
summer2025 summer2026 winter2024 winter2025 winter2026 spring2025 autumn2025 password!
password2 password01 welcome! admin1234 root1234 mustang1 shadow12 michelle1
charlie1`
    .split(/\s+/)
    .filter(Boolean),
)
