;; Different servers at work and at home.
(cond
 ((string-match-p "^work-" (system-name))
  (setq smtpmail-smtp-server "smtp.corp.example.com"
        smtpmail-smtp-service 25))
 (t
  (setq smtpmail-smtp-server "smtp.example.org"
        smtpmail-smtp-service 587)))
(setq send-mail-function 'smtpmail-send-it
      user-mail-address "judy@example.org")
