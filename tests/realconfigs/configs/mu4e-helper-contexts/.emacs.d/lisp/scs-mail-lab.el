;;; scs-mail-lab.el --- mu4e accounts  -*- lexical-binding: t; -*-

(defvar scs/mail-lab-mu4e-dir "/usr/share/emacs/site-lisp/elpa/mu4e-1.8.14"
  "Where the system's mu4e lives.")

(defun scs/mail-lab-ensure-load-path ()
  "Put mu4e on `load-path'."
  (when (file-directory-p scs/mail-lab-mu4e-dir)
    (add-to-list 'load-path scs/mail-lab-mu4e-dir)))

(defun scs/mail-lab--account-folder (address folder)
  (format "/%s/%s" (car (split-string address "@")) folder))

(defun scs/mail-lab--mu4e-context (name address host full-name)
  "A mu4e context for ADDRESS sending through HOST."
  (make-mu4e-context
   :name name
   :match-func (lambda (msg)
                 (when msg
                   (string-prefix-p (format "/%s" name) (mu4e-message-field msg :maildir))))
   :vars `((user-mail-address . ,address)
           (user-full-name . ,full-name)
           (smtpmail-smtp-server . ,host)
           (smtpmail-smtp-user . ,address)
           (mu4e-sent-folder . ,(scs/mail-lab--account-folder address "Sent"))
           (mu4e-trash-folder . ,(scs/mail-lab--account-folder address "Trash")))))

(defun scs/mail-lab-configure-send ()
  "Sending through smtpmail, TLS on 465."
  (setq send-mail-function #'smtpmail-send-it
        message-send-mail-function #'smtpmail-send-it
        smtpmail-stream-type 'ssl
        smtpmail-smtp-service 465))

(defun scs/mail-lab-configure-mu4e ()
  "Apply mu4e settings: contexts, split view, send."
  (scs/mail-lab-ensure-load-path)
  (scs/mail-lab-configure-send)
  (require 'mu4e-context)
  (setq
   user-mail-address "scs@scs.example"
   user-full-name "SCS"
   mu4e-get-mail-command "mbsync -a"
   mu4e-change-filenames-when-moving t
   mu4e-update-interval nil
   mu4e-split-view 'horizontal
   mu4e-compose-context-policy 'ask-if-none
   mu4e-context-policy 'pick-first
   mu4e-contexts
   (list
    (scs/mail-lab--mu4e-context "scs" "scs@scs.example" "mail.dp.example" "SCS")
    (scs/mail-lab--mu4e-context "priya" "priya@goldenboat.example" "mail.ck.example" "Priya")))
  (add-hook 'mu4e-compose-mode-hook #'(lambda () (auto-save-mode -1))))

(provide 'scs-mail-lab)
