;;; init.el --- mail  -*- lexical-binding: t -*-
(require 'use-package)
(use-package mu4e
  :defer t
  :config
  (setq mu4e-change-filenames-when-moving t
        mu4e-get-mail-command "mbsync -a"
        message-send-mail-function #'smtpmail-send-it
        smtpmail-stream-type 'starttls)
  (let ((home-server "mail.home.example"))
    (setq mu4e-contexts
          `(,(make-mu4e-context
              :name "home"
              :match-func (lambda (msg) (when msg (string-prefix-p "/home" (mu4e-message-field msg :maildir))))
              :vars `((user-mail-address . "me@home.example")
                      (smtpmail-smtp-server . ,home-server)
                      (smtpmail-smtp-service . 587)
                      (smtpmail-smtp-user . "me")
                      (mu4e-sent-folder . "/home/Sent")
                      (mu4e-drafts-folder . "/home/Drafts")))
            ,(make-mu4e-context
              :name "gmail"
              :match-func (lambda (msg) (when msg (string-prefix-p "/gmail" (mu4e-message-field msg :maildir))))
              :vars '((user-mail-address . "someone@gmail.example")
                      (smtpmail-smtp-server . "smtp.gmail.example")
                      (smtpmail-smtp-service . 465)
                      (smtpmail-stream-type . ssl)
                      (mu4e-sent-messages-behavior . delete)
                      (mu4e-sent-folder . "/gmail/[Gmail]/Sent Mail")))))))
