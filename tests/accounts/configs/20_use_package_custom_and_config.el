;;; -*- lexical-binding: t -*-
(require 'use-package)
(use-package smtpmail
  :custom
  (smtpmail-smtp-server "smtp.fallback.example")
  (smtpmail-smtp-service 587)
  (smtpmail-stream-type 'starttls))
(use-package mu4e
  :commands (mu4e)
  :custom
  (mu4e-context-policy 'pick-first)
  (mu4e-compose-context-policy 'ask-if-none)
  :config
  (setq mu4e-contexts
        (list (make-mu4e-context
               :name "Oscar"
               :vars '((user-mail-address . "oscar@o.example")
                       (smtpmail-smtp-user . "oscar")))
              (make-mu4e-context
               :name "Papa"
               :vars '((user-mail-address . "papa@p.example")
                       (smtpmail-smtp-server . "smtp.p.example")
                       (smtpmail-smtp-user . "papa"))))))
(setq send-mail-function 'smtpmail-send-it)
