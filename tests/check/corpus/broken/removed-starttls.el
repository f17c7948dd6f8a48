;; expect: 7:7 warning removed-variable
;; expect: 8:7 warning removed-variable
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      user-mail-address "alice@example.org")
(setq starttls-use-gnutls t
      smtpmail-starttls-credentials '(("smtp.example.org" 587 nil nil)))
