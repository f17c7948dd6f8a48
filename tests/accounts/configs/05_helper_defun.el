;;; -*- lexical-binding: t -*-
(require 'mu4e)
(require 'smtpmail)
(defun my-make-mu4e-context (name address server port &optional user)
  "Build a mu4e context NAME for ADDRESS sending through SERVER:PORT."
  (make-mu4e-context
   :name name
   :match-func (lambda (msg)
                 (when msg
                   (string-match-p (concat "^/" name) (mu4e-message-field msg :maildir))))
   :vars `((user-mail-address . ,address)
           (smtpmail-smtp-server . ,server)
           (smtpmail-smtp-service . ,port)
           (smtpmail-smtp-user . ,(or user address))
           (mu4e-sent-folder . ,(concat "/" name "/Sent"))
           (mu4e-trash-folder . ,(concat "/" name "/Trash")))))
(setq mu4e-contexts
      (list (my-make-mu4e-context "Work" "jane@work.example" "smtp.work.example" 587)
            (my-make-mu4e-context "Club" "jane@club.example" "mail.club.example" 465 "jane")
            (my-make-mu4e-context "Old" "jane@old.example" "smtp.old.example" 25)))
(setq send-mail-function #'smtpmail-send-it)
