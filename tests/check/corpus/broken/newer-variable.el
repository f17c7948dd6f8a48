;; expect: 7:7 info newer-variable
;; status: 0
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      user-mail-address "alice@example.org")
(setq message-server-alist
      '(("alice@corp.example.com" . "smtp smtp.corp.example.com 587")))
