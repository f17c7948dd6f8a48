;; expect: 5:1 info skipped-mail-form
;; status: 0
(setq user-mail-address "alice@example.org"
      send-mail-function 'smtpmail-send-it)
(after! smtpmail
  (setq smtpmail-smtp-server "smtp.example.org"
        smtpmail-smtp-service 587))
