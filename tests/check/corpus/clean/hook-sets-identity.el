;; The identity is chosen per message by a hook function.
(defun my/choose-identity ()
  (setq user-mail-address
        (if (string-match-p "work" (or (message-fetch-field "From") ""))
            "alice@corp.example.com"
          "alice@example.org")))
(add-hook 'message-send-hook #'my/choose-identity)
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587)
