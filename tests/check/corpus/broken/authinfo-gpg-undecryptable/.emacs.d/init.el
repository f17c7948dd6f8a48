;; The encrypted file cannot be decrypted here (it is not even encrypted data):
;; the check says so and goes on, instead of calling the file broken.
;; expect: .authinfo.gpg:0 info credentials-unchecked
;; status: 0
(setq auth-sources '("~/.authinfo.gpg"))
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      user-mail-address "alice@example.org")
