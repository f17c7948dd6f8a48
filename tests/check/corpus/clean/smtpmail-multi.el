;; The smtpmail-multi package (MELPA) picks the account from the From: header.
(setq smtpmail-multi-accounts
      '((work . ("alice@corp.example.com" "smtp.corp.example.com" 587
                 "alice@corp.example.com" starttls nil nil nil))
        (home . ("alice@example.org" "smtp.example.org" 465
                 "alice@example.org" ssl nil nil nil))))
(setq smtpmail-multi-associations '(("alice@corp.example.com" work)
                                    ("alice@example.org" home))
      smtpmail-multi-default-account 'home)
(setq send-mail-function 'smtpmail-multi-send-it
      message-send-mail-function 'smtpmail-multi-send-it
      user-mail-address "alice@example.org")
