(require 'auth-source)
(setq auth-sources '("~/.authinfo.gpg")
      auth-source-save-behavior nil)
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      smtpmail-smtp-user "trent"
      user-mail-address "trent@example.org")
