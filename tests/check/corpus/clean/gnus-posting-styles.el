(setq user-mail-address "laura@example.org"
      send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587)
(setq gnus-select-method '(nnimap "example" (nnimap-address "imap.example.org")))
(setq gnus-posting-styles
      '((".*" (address "laura@example.org"))
        ("work" (address "laura@corp.example.com")
         ("X-Message-SMTP-Method" "smtp smtp.corp.example.com 587 laura"))))
